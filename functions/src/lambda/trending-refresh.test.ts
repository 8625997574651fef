import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScheduledEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../adapters/postgres/database.js';
import { latestTrending } from '../adapters/postgres/repositories/trending.repository.js';
import { FIXTURE_END, seedTrendingFixture } from '../adapters/postgres/repositories/trending-fixture.test-helper.js';
import type { DatabaseConfig } from '../config/env.js';
import { createTrendingRefreshHandler } from './trending-refresh.js';

const scheduledEvent: ScheduledEvent = {
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2026-01-02T03:00:00Z',
  region: 'eu-west-1',
  resources: ['arn:aws:events:eu-west-1:123456789012:rule/movierec-trending-refresh'],
  detail: {},
};

describe('trending-refresh handler', () => {
  let dir: string;
  let config: DatabaseConfig;
  // The handler opens and closes its own connection, so the database lives in a folder, not in memory.
  const withDb = async <T>(work: (db: Db) => Promise<T>): Promise<T> => {
    const db = await openDatabase(config);
    try {
      return await work(db);
    } finally {
      await db.destroy();
    }
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trending-lambda-'));
    config = { driver: 'pglite', url: undefined, pgliteDir: dir, neonWsProxy: undefined };
    await withDb(seedTrendingFixture);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refreshes the snapshot, logs one JSON line and closes the database', async () => {
    const logged: Record<string, unknown>[] = [];
    let opened: Db | undefined;
    const handler = createTrendingRefreshHandler({
      openDb: async () => (opened = await openDatabase(config)),
      log: (entry) => logged.push(entry),
    });
    const summary = await handler(scheduledEvent);
    // Default options: too few movies in 90 days for 200, so the window widens to cover E's ratings.
    expect(summary).toMatchObject({
      windowDays: 360,
      windowEnd: new Date(FIXTURE_END * 1000).toISOString(),
      movies: 4,
    });
    expect(summary.top.map((m) => m.title)).toEqual(['A', 'B', 'C', 'E']);
    expect(logged).toEqual([
      expect.objectContaining({
        job: 'trending-refresh',
        event: scheduledEvent.id,
        snapshotId: summary.snapshotId,
        ms: expect.any(Number),
      }),
    ]);
    await expect(opened!.selectFrom('movies').select('id').execute()).rejects.toThrow();
    const latest = await withDb((db) => latestTrending(db, { limit: 10, offset: 0 }));
    expect(latest.snapshot?.id).toBe(summary.snapshotId);
    expect(latest.total).toBe(4);
    // The Top Rated figures were refreshed too (the view was created empty, before the ratings).
    const stats = await withDb((db) => db.selectFrom('movie_rating_stats').select('movie_id').execute());
    expect(stats).toHaveLength(5);
  });
});
