/**
 * The catalog and user stores the API reads, on every driver (PGlite, PostgreSQL, Neon): search,
 * Top Rated over the materialized view, onboarding in one transaction, rating upserts, history,
 * statistics and the user list.
 */
import { DEFAULT_RECOMMENDABLE_RULE } from '../../../core/catalog/recommendable.js';
import { describe, expect, it } from 'vitest';
import { testDrivers } from '../testing/test-databases.js';
import { useTestDatabase } from '../testing/use-test-database.js';
import { createCatalogStore, refreshMovieRatingStats } from './catalog.store.js';
import { catalogMovie, seedTrendingFixture } from './trending-fixture.test-helper.js';
import { upsertMovieLensMovies } from './movies.repository.js';
import { upsertRatings } from './ratings.repository.js';
import { createUserStore } from './user.store.js';

describe.each(testDrivers)('API stores on %s', (driver) => {
  const t = useTestDatabase(driver);
  let ids: Map<string, number>;

  it('searches titles with typos, best match first', async () => {
    ids = await seedTrendingFixture(t.db);
    await upsertMovieLensMovies(t.db, [
      catalogMovie({ movielensId: 100, tmdbId: 603, title: 'The Matrix', genres: ['Sci-Fi'], voteCount: 9000 }),
      catalogMovie({
        movielensId: 101,
        tmdbId: 604,
        title: 'The Matrix Reloaded',
        genres: ['Sci-Fi'],
        voteCount: 5000,
      }),
    ]);
    const catalog = createCatalogStore(t.db, DEFAULT_RECOMMENDABLE_RULE);
    const found = await catalog.searchTitles('matirx', { limit: 5, offset: 0 });
    expect(found.items.map((m) => m.title)).toEqual(['The Matrix', 'The Matrix Reloaded']);
    expect(found).toMatchObject({ total: 2, hasMore: false });
    expect((await catalog.searchTitles('zzzz', { limit: 5, offset: 0 })).total).toBe(0);
    expect([...(await catalog.moviesByTmdbIds([603, 999])).keys()]).toEqual([603]);
  });

  it('ranks Top Rated from the refreshed rating figures, filtered by genre', async () => {
    const catalog = createCatalogStore(t.db, DEFAULT_RECOMMENDABLE_RULE);
    const before = await catalog.topRated({ limit: 10, offset: 0, minRatings: 1 });
    expect(before.items).toEqual([]); // the view is empty until refreshed (the fixture has no TMDB ids yet)
    await t.db
      .updateTable('movies')
      .set((eb) => ({ tmdb_id: eb('id', '+', 10_000) }))
      .where('tmdb_id', 'is', null)
      .execute();
    await refreshMovieRatingStats(t.db);
    const top = await catalog.topRated({ limit: 10, offset: 0, minRatings: 2 });
    expect(top.items.map((m) => m.title)).toEqual(['E', 'A', 'C', 'B']);
    expect(top.items[0]).toMatchObject({ ratingCount: 2, averageRating: 5 });
    const comedy = await catalog.topRated({
      limit: 10,
      offset: 0,
      minRatings: 1,
      genres: ['Comedy'],
      excludeMovieIds: [ids.get('A')!],
    });
    expect(comedy.items.map((m) => m.title)).toEqual(['D', 'C']);
  });

  it('onboards a user with its ratings in one transaction, and rates idempotently', async () => {
    const users = createUserStore(t.db);
    const [a, b, c] = ['A', 'B', 'C'].map((title) => ids.get(title)!);
    const user = await users.createColdStartUser({
      tokenHash: 'f'.repeat(64),
      preferredGenres: ['Comedy'],
      ratings: [
        { movieId: a!, rating: 4 },
        { movieId: b!, rating: 2.5 },
      ],
    });
    expect(user).toMatchObject({ kind: 'cold_start', preferredGenres: ['Comedy'] });
    await expect(
      users.createColdStartUser({
        tokenHash: 'e'.repeat(64),
        preferredGenres: [],
        ratings: [
          { movieId: a!, rating: 4 },
          { movieId: 999_999, rating: 3 },
        ],
      }),
    ).rejects.toThrow();
    expect((await users.listUsers({ limit: 50, offset: 0, sort: 'id', kind: 'cold_start' })).total).toBe(1); // the failed one left nothing

    expect(await users.rate(user.id, { movieId: c!, rating: 5 })).toMatchObject({ created: true });
    expect(await users.rate(user.id, { movieId: c!, rating: 3.5 })).toMatchObject({ created: false });
    expect(await users.ratingOf(user.id, c!)).toBe(3.5);
    expect((await users.history(user.id))!.entries.map((h) => h.movieId).sort()).toEqual([a, b, c].sort());
    expect(await users.history(424_242)).toBeNull();
    expect((await users.ratingsOf(user.id, { limit: 1, offset: 0 })).items[0]).toMatchObject({
      rating: 3.5,
      movie: { title: 'C' },
    });

    const stats = await users.statistics(user.id);
    expect(stats).toMatchObject({ ratingCount: 3, averageRating: 10 / 3 });
    expect(stats.distribution.find((d) => d.rating === 3.5)?.count).toBe(1);
    expect(stats.topGenres[0]).toMatchObject({ genre: 'Comedy', count: 2 });
  });

  it('lists users with counts and top genres, searchable and sorted', async () => {
    const users = createUserStore(t.db);
    const page = await users.listUsers({ limit: 2, offset: 0, sort: 'ratings' });
    expect(page).toMatchObject({ total: 5, hasMore: true });
    expect(page.items[0]!.ratingCount).toBeGreaterThanOrEqual(page.items[1]!.ratingCount);
    expect(page.items[0]!.topGenres.length).toBeGreaterThan(0);
    expect(
      (await users.listUsers({ limit: 10, offset: 0, sort: 'id', search: '1' })).items.map((u) => u.movielensId),
    ).toEqual([1]);
  });

  it("moves a user's history version with every write to its ratings, by any writer, and only then", async () => {
    const users = createUserStore(t.db);
    const [a, b] = ['A', 'B'].map((title) => ids.get(title)!);
    const user = await users.createColdStartUser({
      tokenHash: 'd'.repeat(64),
      preferredGenres: [],
      ratings: [{ movieId: a!, rating: 4 }],
    });
    const other = await users.createColdStartUser({
      tokenHash: 'c'.repeat(64),
      preferredGenres: [],
      ratings: [{ movieId: a!, rating: 2 }],
    });
    const seen = [await users.historyVersion(user.id)];
    const otherBefore = await users.historyVersion(other.id);
    const expectMoved = async () => {
      const version = await users.historyVersion(user.id);
      expect(seen).not.toContain(version);
      seen.push(version);
    };

    await users.rate(user.id, { movieId: b!, rating: 3 });
    await expectMoved();
    await users.rate(user.id, { movieId: b!, rating: 4.5 });
    await expectMoved();
    // A bulk loader's upsert and a plain delete count too, not only the API's writes.
    await upsertRatings(t.db, [{ userId: user.id, movieId: a!, rating: 1, ratedAt: 1_700_000_000 }]);
    await expectMoved();
    await t.db.deleteFrom('ratings').where('user_id', '=', user.id).where('movie_id', '=', a!).execute();
    await expectMoved();
    expect(await users.history(user.id)).toEqual({ version: seen.at(-1), entries: [{ movieId: b, rating: 4.5 }] });

    await users.listUsers({ limit: 5, offset: 0, sort: 'id' });
    expect(await users.historyVersion(user.id)).toBe(seen.at(-1)); // reads leave it alone
    expect(await users.historyVersion(other.id)).toBe(otherBefore); // so do other users' writes
    expect(await users.historyVersion(424_242)).toBeNull();
    const empty = await users.createColdStartUser({ tokenHash: 'b'.repeat(64), preferredGenres: [], ratings: [] });
    expect(await users.history(empty.id)).toEqual({ version: expect.any(String), entries: [] });
  });
});
