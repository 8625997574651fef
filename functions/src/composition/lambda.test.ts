/**
 * The Lambda composition: each endpoint group builds only its services, over the generated world;
 * secrets named by the environment become the config's variables.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../adapters/logging/logger.js';
import { writeApiFixture } from '../apps/testing/api-fixture.js';
import { createRecommendationsApp } from '../apps/recommendations.js';
import { createSystemApp } from '../apps/system.js';
import { createUsersApp } from '../apps/users.js';
import { createMoviesApp } from '../apps/movies.js';
import { ConfigError, loadConfig } from '../config/env.js';
import { buildMoviesServices } from '../lambda/movies.js';
import { buildRecommendationsServices } from '../lambda/recommendations.js';
import { buildSystemServices } from '../lambda/system.js';
import { buildUsersServices } from '../lambda/users.js';
import { lambdaConfig } from './lambda.js';

const DOWN = 'http://127.0.0.1:1';
const log = createLogger('silent');
let dir: string;

/** The world as a deployed function sees it: the database, no index files, no model export. */
const lambdaEnv = (env: Record<string, string> = {}) =>
  loadConfig({
    DATA_DIR: dir,
    INDEX_DIR: join(dir, 'no-index'),
    MODEL_DIR: join(dir, 'no-model'),
    LOG_LEVEL: 'silent',
    ...env,
  });

async function getJson(app: { request(path: string): Response | Promise<Response> }, path: string) {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lambda-groups-'));
  await writeApiFixture(dir);
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('endpoint groups in Lambda', () => {
  it('users and movies build database services only, and answer', async () => {
    const users = await buildUsersServices(lambdaEnv(), log);
    expect(Object.keys(users).sort()).toEqual(['log', 'users']);
    expect((await getJson(createUsersApp(users), '/api/users/?limit=2')).status).toBe(200);
    const movies = await buildMoviesServices(lambdaEnv(), log);
    expect(Object.keys(movies).sort()).toEqual(['log', 'movies', 'userStore', 'users']);
    const search = await getJson(createMoviesApp(movies), '/api/movies/search/?q=a');
    expect(search.status).toBe(200);
  });

  it('recommendations with Qdrant down and no index in the function: Trending, with the notice', async () => {
    const services = await buildRecommendationsServices(lambdaEnv({ QDRANT_URL: DOWN }), log);
    const { status, body } = await getJson(
      createRecommendationsApp(services),
      '/api/recommendations/for-you/?user_id=1&limit=5',
    );
    expect(status).toBe(200);
    expect((body.items as { reason: string }[])[0]?.reason).toMatch(/^Trending/);
    expect(body.source).toMatchObject({ degraded: true, notice: expect.stringMatching(/unavailable/) });
  });

  it('system reports the recommendation backends it would use, built when status is asked', async () => {
    const services = await buildSystemServices(lambdaEnv({ QDRANT_URL: DOWN }), log);
    const app = createSystemApp(services, () => {
      throw new Error('not needed here');
    });
    const { body } = await getJson(app, '/api/status/');
    expect(body.status).toBe('degraded');
    expect(body.vector_index).toEqual([expect.objectContaining({ name: 'qdrant', reachable: false })]);
    expect((body.encoder as { name: string }[]).map((e) => e.name)).toEqual(['weighted-average']);
  });
});

describe('secrets in Lambda', () => {
  const secrets: Record<string, string> = {
    'arn:db': JSON.stringify({ url: 'postgresql://app:s3cret@db.example.com/movierec' }),
    'arn:qdrant': JSON.stringify({ url: 'https://qdrant.example.com', apiKey: 'qkey' }),
    'arn:tmdb-placeholder': JSON.stringify({ apiKey: '', generated: 'xyz' }),
    'arn:not-json': 'postgresql://app:s3cret@db.example.com/movierec',
  };
  const read = (arn: string) =>
    arn in secrets ? Promise.resolve(secrets[arn]!) : Promise.reject(new Error('AccessDenied'));

  it('turns each named secret into the variables it holds; an empty field is "not set"', async () => {
    const config = await lambdaConfig(
      { DATABASE_SECRET_ARN: 'arn:db', QDRANT_SECRET_ARN: 'arn:qdrant', TMDB_SECRET_ARN: 'arn:tmdb-placeholder' },
      read,
    );
    expect(config.database).toMatchObject({
      driver: 'postgres',
      url: 'postgresql://app:s3cret@db.example.com/movierec',
    });
    expect(config.vectorIndex).toMatchObject({ qdrantUrl: 'https://qdrant.example.com', qdrantApiKey: 'qkey' });
    expect(config.tmdb.apiKey).toBeUndefined();
  });

  it('names the variable and the expected shape, never the value', async () => {
    const error = await lambdaConfig({ DATABASE_SECRET_ARN: 'arn:not-json' }, read).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toMatch(/DATABASE_SECRET_ARN: secret arn:not-json must hold JSON like \{"url"/);
    expect(String(error)).not.toContain('s3cret');
    await expect(lambdaConfig({ QDRANT_SECRET_ARN: 'arn:missing' }, read)).rejects.toThrow(
      /QDRANT_SECRET_ARN: cannot read secret arn:missing: AccessDenied/,
    );
  });

  it('reads nothing when no secret is named', async () => {
    const config = await lambdaConfig({ DATA_DIR: '/tmp/x' }, () => Promise.reject(new Error('must not be called')));
    expect(config.database.driver).toBe('pglite');
  });
});
