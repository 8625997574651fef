import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CodedError } from '../../../core/errors.js';
import { testDrivers } from '../testing/test-databases.js';
import { useTestDatabase } from '../testing/use-test-database.js';
import type { Db } from '../database.js';
import { refreshMovieRatingStats } from './catalog.store.js';
import { latestTrending, refreshTrending } from './trending.repository.js';
import { DAY, FIXTURE_END as END, seedTrendingFixture } from './trending-fixture.test-helper.js';

const relativeError = (actual: number, expected: number) => Math.abs(actual / expected - 1);

async function snapshotIds(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('trending_snapshots').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

describe.each(testDrivers)('trending repository on %s', (driver) => {
  const t = useTestDatabase(driver);
  let ids: Map<string, number>;

  it('has no snapshot before the first refresh, and refuses to compute one without ratings', async () => {
    expect(await latestTrending(t.db, { limit: 10, offset: 0 })).toEqual({ snapshot: null, items: [], total: 0 });
    await expect(refreshTrending(t.db)).rejects.toMatchObject({ code: 'unprocessable' });
    ids = await seedTrendingFixture(t.db);
  });

  it('scores decayed, weighted activity in the window ending at the newest rating', async () => {
    const result = await refreshTrending(t.db, { size: 3 });
    expect(result).toMatchObject({
      windowDays: 90,
      windowEnd: new Date(END * 1000),
      windowStart: new Date((END - 90 * DAY) * 1000),
    });
    expect(result.items.map((i) => [i.rank, i.title, i.ratingCount])).toEqual([
      [1, 'A', 2],
      [2, 'B', 2],
      [3, 'C', 3],
    ]);
    const expected = [1.5, 0.5 + 0.5 * Math.SQRT1_2, 0.625];
    result.items.forEach((item, i) => expect(relativeError(item.score, expected[i] as number)).toBeLessThan(1e-6));
    expect(result.items[0]?.movieId).toBe(ids.get('A'));
  });

  it('widens the window when too few movies qualify', async () => {
    // Three movies have two ratings within 90 days; E's two are 200 days old: 90 → 180 → 360 days.
    const result = await refreshTrending(t.db, { size: 4 });
    expect(result.windowDays).toBe(360);
    expect(result.items.map((i) => i.title)).toEqual(['A', 'B', 'C', 'E']);
    expect(relativeError(result.items[3]!.score, 2 * 0.5 ** (200 / 14))).toBeLessThan(1e-6);
  });

  it('reads the newest snapshot by page and genre, keeping the global ranks', async () => {
    const { snapshotId } = await refreshTrending(t.db, { size: 3, halfLifeDays: 7 });
    const all = await latestTrending(t.db, { limit: 10, offset: 0 });
    expect(all.snapshot).toMatchObject({ id: snapshotId, halfLifeDays: 7, windowEnd: new Date(END * 1000) });
    expect(all.items.map((i) => [i.movieId, i.rank])).toEqual([
      [ids.get('A'), 1],
      [ids.get('B'), 2],
      [ids.get('C'), 3],
    ]);
    const comedy = await latestTrending(t.db, { limit: 1, offset: 1, genre: 'Comedy' });
    expect(comedy.total).toBe(2);
    expect(comedy.items).toEqual([
      { movieId: ids.get('C'), rank: 3, ratingCount: 3, score: expect.closeTo(2 * 0.5 ** 4 + 0.5 ** 6, 6) },
    ]);
    expect(await latestTrending(t.db, { limit: 10, offset: 0, genre: 'Western' })).toMatchObject({
      items: [],
      total: 0,
    });
    await expect(latestTrending(t.db, { limit: 0, offset: 0 })).rejects.toThrow(CodedError);
  });

  it('ranks only recommendable movies, by the rule it is given', async () => {
    await t.db.updateTable('movies').set({ genres: [] }).where('id', '=', ids.get('A')!).execute();
    try {
      const titles = (await refreshTrending(t.db, { size: 3 })).items.map((i) => i.title);
      expect(titles).not.toContain('A');
      expect(titles).toContain('B');
    } finally {
      await t.db
        .updateTable('movies')
        .set({ genres: ['Comedy'] })
        .where('id', '=', ids.get('A')!)
        .execute();
    }
    // 50 TMDB votes fall short of 51: now only three ratings here qualify a movie, and C alone has them.
    await refreshMovieRatingStats(t.db);
    const strict = await refreshTrending(t.db, { size: 3 }, { minTmdbVotes: 51, minRatings: 3 });
    expect(strict.items.map((i) => i.title)).toEqual(['C']);
  });

  it('gives the same list when run again, and keeps only the last three snapshots', async () => {
    const first = await refreshTrending(t.db);
    const second = await refreshTrending(t.db);
    expect(second.snapshotId).toBeGreaterThan(first.snapshotId);
    expect(second.items).toEqual(first.items);
    const kept = await snapshotIds(t.db);
    expect(kept).toHaveLength(3);
    expect(kept.at(-1)).toBe(second.snapshotId);
    const orphans = await t.db
      .selectFrom('trending_items')
      .select('snapshot_id')
      .where('snapshot_id', 'not in', kept)
      .execute();
    expect(orphans).toEqual([]);
  });

  it('leaves the previous snapshots intact when a refresh fails', async () => {
    const before = await snapshotIds(t.db);
    const itemsBefore = await t.db
      .selectFrom('trending_items')
      .selectAll()
      .orderBy('snapshot_id')
      .orderBy('rank')
      .execute();
    // The pruning step (the transaction's last write) fails, after the new snapshot was written.
    await sql`create function refuse_delete() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`.execute(
      t.db,
    );
    await sql`create trigger refuse_delete before delete on trending_snapshots execute function refuse_delete()`.execute(
      t.db,
    );
    try {
      await expect(refreshTrending(t.db)).rejects.toThrow(/injected failure/);
    } finally {
      await sql`drop trigger refuse_delete on trending_snapshots`.execute(t.db);
    }
    expect(await snapshotIds(t.db)).toEqual(before);
    expect(
      await t.db.selectFrom('trending_items').selectAll().orderBy('snapshot_id').orderBy('rank').execute(),
    ).toEqual(itemsBefore);
    expect((await latestTrending(t.db, { limit: 1, offset: 0 })).snapshot?.id).toBe(before.at(-1));
  });
});
