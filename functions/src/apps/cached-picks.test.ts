/**
 * Personal lists are cached per user and history version: repeated requests get the same list, and
 * a rating shows on the very next request, whether it came through this API or, on a shared
 * PostgreSQL server, from another writer (another server process, a loader, psql).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../adapters/postgres/database.js';
import { createTestDatabase, testDrivers, type TestDatabase } from '../adapters/postgres/testing/test-databases.js';
import type { Runtime } from '../composition/runtime.js';
import { createApi } from './api.js';
import { writeApiFixture } from './testing/api-fixture.js';
import { fixtureRuntime, type Json } from './testing/api-runtime.js';

const drivers = testDrivers.filter((driver) => driver !== 'neon'); // Neon's driver is the same SQL as postgres

describe.each(drivers)('cached personal lists on %s', (driver) => {
  let dir: string;
  let server: TestDatabase | null = null;
  let runtime: Runtime;
  let api: ReturnType<typeof createApi>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cached-picks-'));
    server = driver === 'pglite' ? null : await createTestDatabase(driver);
    await writeApiFixture(dir, server?.config);
    runtime = await fixtureRuntime(dir, {
      DEMO_WRITES: 'true',
      RECOMMENDATION_CACHE_SECONDS: '3600',
      ...(server ? { DATABASE_URL: server.config.url! } : {}),
    });
    api = createApi(runtime.services);
  }, 60_000);

  afterAll(async () => {
    await runtime?.close();
    await server?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const get = async (path: string): Promise<Json> => {
    const res = await api.request(path);
    expect(res.status).toBe(200);
    return res.json();
  };
  const forYou = async (userId: number) =>
    (await get(`/api/recommendations/for-you/?user_id=${userId}&limit=5`)).items.map((m: Json) => m.tmdb_id);
  const becauseRows = async (userId: number) =>
    (await get(`/api/recommendations/because-you-watched/?user_id=${userId}&rows=2&limit=5`)).rows;

  it('a rating through the API shows on the next request', async () => {
    const user = (await get('/api/users/?limit=1')).items[0];
    expect(user).toMatchObject({ kind: 'movielens', read_only: false }); // DEMO_WRITES is on
    const userId = user.id;
    const first = await forYou(userId);
    expect(await forYou(userId)).toEqual(first);
    const rowsBefore = await becauseRows(userId);

    const res = await api.request(`/api/users/${userId}/rate/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tmdb_id: first[0], rating: 5 }),
    });
    expect(res.status).toBe(201);
    const after = await forYou(userId);
    expect(after).not.toContain(first[0]);
    expect(after.slice(0, 4)).toEqual(first.slice(1)); // the rest moved up
    const rowsAfter = await becauseRows(userId);
    expect(rowsAfter[0].because.tmdb_id).toBe(first[0]); // the newest liked movie leads the rows
    expect(rowsAfter).not.toEqual(rowsBefore);
  });

  it.skipIf(driver === 'pglite')('a rating written by another process shows on the next request', async () => {
    const userId = (await get('/api/users/?limit=1&offset=1')).items[0].id;
    const first = await forYou(userId);
    const other = await openDatabase(server!.config, { migrate: false });
    try {
      await sql`insert into ratings (user_id, movie_id, rating, rated_at)
                select ${userId}, id, 4, now() from movies where tmdb_id = ${first[0]}`.execute(other);
    } finally {
      await other.destroy();
    }
    expect(await forYou(userId)).not.toContain(first[0]);
  });
});
