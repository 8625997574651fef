/**
 * Each endpoint group as its Lambda function, driven by API Gateway HTTP API (payload v2) events,
 * over the same generated world as the app tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMoviesApp } from '../apps/movies.js';
import { createRecommendationsApp } from '../apps/recommendations.js';
import { tmdbIdOf, writeApiFixture } from '../apps/testing/api-fixture.js';
import { fixtureRuntime, type Json } from '../apps/testing/api-runtime.js';
import { createUsersApp } from '../apps/users.js';
import type { AppServices } from '../apps/services.js';
import type { Runtime } from '../composition/runtime.js';
import { httpApiEvent as event, type HttpApiEvent } from './http-api-event.js';
import { httpHandler } from './http-handler.js';
import { buildSystemApp } from './system.js';

let dir: string;
let runtime: Runtime;

type Build = Parameters<typeof httpHandler<AppServices>>[0];

async function invoke(build: Build, e: HttpApiEvent): Promise<{ status: number; body: Json }> {
  const result = (await httpHandler(build, async () => runtime.services)(e)) as Exclude<
    APIGatewayProxyResultV2,
    string
  >;
  return { status: result.statusCode ?? 0, body: JSON.parse(result.body ?? 'null') };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lambda-'));
  await writeApiFixture(dir);
  runtime = await fixtureRuntime(dir);
}, 60_000);

afterAll(async () => {
  await runtime?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Lambda handlers (API Gateway HTTP API v2 events)', () => {
  it('users: list, onboarding, bad input', async () => {
    expect((await invoke(createUsersApp, event('GET', '/api/users/', undefined))).body.total).toBeGreaterThan(0);
    const ratings = [0, 4, 8, 12, 16].map((i) => ({ tmdb_id: tmdbIdOf(i), rating: 4 }));
    const created = await invoke(
      createUsersApp,
      event('POST', '/api/users/cold_start/', { genres: ['Comedy'], ratings }),
    );
    expect(created.status).toBe(201);
    expect(created.body.token).toEqual(expect.any(String));
    const bad = await invoke(
      createUsersApp,
      event('POST', '/api/users/cold_start/', { genres: ['Comedy'], ratings: ratings.slice(0, 2) }),
    );
    // Fewer than five onboarding ratings is against the schema (minItems 5): a 400 naming the field.
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_input', issues: [{ path: 'body.ratings' }] } },
    });
  });

  it('recommendations: For You and a 400 naming the bad parameter', async () => {
    const forYou = await invoke(
      createRecommendationsApp,
      event('GET', '/api/recommendations/for-you/?user_id=1&limit=5'),
    );
    expect(forYou.status).toBe(200);
    expect(forYou.body.items).toHaveLength(5);
    const bad = await invoke(createRecommendationsApp, event('GET', '/api/recommendations/for-you/?user_id=x'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('query.user_id');
  });

  it('movies: details and 404', async () => {
    expect((await invoke(createMoviesApp, event('GET', `/api/movies/${tmdbIdOf(3)}/`))).body.tmdb_id).toBe(tmdbIdOf(3));
    expect((await invoke(createMoviesApp, event('GET', '/api/movies/123456789/'))).status).toBe(404);
  });

  it('system: health, status and the OpenAPI document of every group', async () => {
    expect((await invoke(buildSystemApp, event('GET', '/api/health/'))).body).toEqual({ status: 'ok' });
    expect((await invoke(buildSystemApp, event('GET', '/api/status/'))).body.database.reachable).toBe(true);
    const doc = await invoke(buildSystemApp, event('GET', '/api/openapi.json'));
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/users/', '/api/recommendations/for-you/', '/api/movies/{tmdb_id}/']),
    );
  });

  it("every GET endpoint answers through its group's Lambda", async () => {
    const endpoints: [Build, string][] = [
      [createUsersApp, '/api/users/?limit=2'],
      [createUsersApp, '/api/users/1/ratings/'],
      [createUsersApp, '/api/users/1/statistics/'],
      [createRecommendationsApp, '/api/recommendations/for-you/?user_id=2'],
      [createRecommendationsApp, '/api/recommendations/because-you-watched/?user_id=2'],
      [createRecommendationsApp, `/api/recommendations/similar/?tmdb_id=${tmdbIdOf(4)}`],
      [createRecommendationsApp, '/api/recommendations/by-genre/?genre=Drama&user_id=2'],
      [createRecommendationsApp, '/api/recommendations/trending/'],
      [createRecommendationsApp, '/api/recommendations/top-rated/'],
      [createRecommendationsApp, '/api/recommendations/seed-movies/?genres=Comedy'],
      [createMoviesApp, '/api/movies/search/?q=story'],
      [createMoviesApp, '/api/genres/'],
      [buildSystemApp, '/api/docs'],
    ];
    for (const [build, path] of endpoints) {
      const result = (await httpHandler(build, async () => runtime.services)(event('GET', path))) as Exclude<
        APIGatewayProxyResultV2,
        string
      >;
      expect(result.statusCode, path).toBe(200);
    }
  });

  it('a group answers only its own routes', async () => {
    expect((await invoke(createMoviesApp, event('GET', '/api/users/'))).status).toBe(404);
  });
});
