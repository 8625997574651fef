import { describe, expect, it } from 'vitest';
import type { CatalogMovie } from '../../../core/catalog/catalog-movie.js';
import { testDrivers } from '../testing/test-databases.js';
import { useTestDatabase } from '../testing/use-test-database.js';
import { movieIdsByMovieLensId, upsertMovieLensMovies, upsertTmdbOnlyMovies } from './movies.repository.js';
import { upsertRatings } from './ratings.repository.js';
import { datasetLoads, recordDatasetLoad, tableCounts } from './stats.repository.js';
import { catalogMovie } from './trending-fixture.test-helper.js';
import { ensureMovieLensUsers } from './users.repository.js';

/** A catalog movie of 2000 in Drama unless told otherwise. */
const movie = (overrides: Partial<CatalogMovie>): CatalogMovie =>
  catalogMovie({ year: 2000, genres: ['Drama'], ...overrides });

const toyStory = movie({
  movielensId: 1,
  tmdbId: 862,
  title: 'Toy Story',
  year: 1995,
  genres: ['Animation', 'Children'],
  overview: 'Toys.',
  metadataSource: 'snapshot',
});
const jumanji = movie({
  movielensId: 2,
  tmdbId: 8844,
  title: 'Jumanji',
  year: 1995,
  keywords: ['board game', "it's a jungle"],
});

describe.each(testDrivers)('repositories on %s', (driver) => {
  const t = useTestDatabase(driver);

  it('upserts MovieLens movies and counts what changed', async () => {
    expect(await upsertMovieLensMovies(t.db, [toyStory, jumanji])).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await upsertMovieLensMovies(t.db, [toyStory, jumanji])).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await upsertMovieLensMovies(t.db, [toyStory, { ...jumanji, runtime: 104 }])).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    });
    const row = await t.db.selectFrom('movies').selectAll().where('movielens_id', '=', 2).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      title: 'Jumanji',
      runtime: 104,
      keywords: ['board game', "it's a jungle"],
      genres: ['Drama'],
    });
  });

  it('keeps API metadata when an older snapshot is loaded again', async () => {
    await upsertMovieLensMovies(t.db, [
      { ...toyStory, overview: 'From the API.', posterPath: '/toy.jpg', metadataSource: 'tmdb' },
    ]);
    expect(await upsertMovieLensMovies(t.db, [toyStory])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    const row = await t.db
      .selectFrom('movies')
      .select(['overview', 'poster_path', 'metadata_source'])
      .where('movielens_id', '=', 1)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ overview: 'From the API.', poster_path: '/toy.jpg', metadata_source: 'tmdb' });
  });

  it('keeps one row per movie across MovieLens and TMDB-only loads', async () => {
    const heat = movie({ tmdbId: 949, title: 'Heat', year: 1995, genres: ['Crime'], metadataSource: 'snapshot' });
    expect(await upsertTmdbOnlyMovies(t.db, [heat])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const before = await t.db.selectFrom('movies').select('id').where('tmdb_id', '=', 949).executeTakeFirstOrThrow();
    // A later MovieLens load that knows Heat adopts the row instead of adding a second one.
    await upsertMovieLensMovies(t.db, [
      movie({ movielensId: 6, tmdbId: 949, title: 'Heat', year: 1995, genres: ['Action', 'Crime'] }),
    ]);
    const after = await t.db
      .selectFrom('movies')
      .select(['id', 'movielens_id', 'genres'])
      .where('tmdb_id', '=', 949)
      .execute();
    expect(after).toEqual([{ id: before.id, movielens_id: 6, genres: ['Action', 'Crime'] }]);
    // TMDB-only loads leave MovieLens-owned rows alone.
    expect(await upsertTmdbOnlyMovies(t.db, [{ ...heat, title: 'Heat (TMDB)' }])).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 1,
    });
    expect((await movieIdsByMovieLensId(t.db)).get(6)).toBe(before.id);
  });

  it('creates users once and upserts ratings idempotently', async () => {
    const first = await ensureMovieLensUsers(t.db, [7, 8]);
    expect(first.inserted).toBe(2);
    const again = await ensureMovieLensUsers(t.db, [8, 9]);
    expect(again.inserted).toBe(1);
    expect(again.ids.get(8)).toBe(first.ids.get(8));
    const movies = await movieIdsByMovieLensId(t.db);
    const ratings = [
      { userId: first.ids.get(7)!, movieId: movies.get(1)!, rating: 4.5, ratedAt: 964982703 },
      { userId: first.ids.get(8)!, movieId: movies.get(2)!, rating: 3, ratedAt: 964982224 },
    ];
    expect(await upsertRatings(t.db, ratings)).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await upsertRatings(t.db, ratings)).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await upsertRatings(t.db, [{ ...ratings[0]!, rating: 5 }])).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 0,
    });
    const stored = await t.db
      .selectFrom('ratings')
      .select(['rating', 'rated_at'])
      .where('user_id', '=', first.ids.get(7)!)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ rating: 5, rated_at: new Date(964982703 * 1000) });
  });

  it('counts rows and remembers loads', async () => {
    expect(await tableCounts(t.db)).toEqual({
      movies: 3,
      movielensMovies: 3,
      tmdbOnlyMovies: 0,
      moviesWithOverview: 1,
      users: 3,
      movielensUsers: 3,
      coldStartUsers: 0,
      ratings: 2,
    });
    await recordDatasetLoad(t.db, {
      dataset: 'ml-latest-small',
      step: 'ratings',
      source: '/a',
      counts: { ratings: 1 },
    });
    await recordDatasetLoad(t.db, {
      dataset: 'ml-latest-small',
      step: 'ratings',
      source: '/b',
      counts: { ratings: 2 },
    });
    expect(await datasetLoads(t.db)).toMatchObject([{ source: '/b', counts: { ratings: 2 } }]);
  });
});
