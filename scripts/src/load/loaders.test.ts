import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDrivers } from '@movierec/functions/testing';
import { useTestDatabase } from '@movierec/functions/testing';
import { tableCounts } from '@movierec/functions/database';
import { loadMovies } from './load-movies.js';
import { loadRatings, mostActiveUsers } from './load-ratings.js';
import { memoryDataset, memoryMetadata, metadata } from './testing.js';

const movies = [
  { movielensId: 1, title: 'Toy Story', year: 1995, genres: ['Animation'], imdbId: 'tt0114709', tmdbId: 862 },
  { movielensId: 2, title: 'Jumanji', year: 1995, genres: ['Adventure'], imdbId: null, tmdbId: null },
  {
    movielensId: 6003,
    title: 'Confessions of a Dangerous Mind',
    year: 2002,
    genres: ['Comedy'],
    imdbId: null,
    tmdbId: 4912,
  },
  {
    movielensId: 144606,
    title: 'Confessions of a Dangerous Mind',
    year: 2002,
    genres: ['Comedy'],
    imdbId: null,
    tmdbId: 4912,
  },
];
const snapshot = memoryMetadata(
  [
    metadata(862, 'Toy Story'),
    metadata(8844, 'Jumanji'),
    metadata(4912, 'Confessions'),
    metadata(949, 'Heat', { genres: ['Crime', 'Science Fiction'] }),
  ],
  { 2: 8844 },
);

function ratingsOf(users: number, perUser: number) {
  const ids = movies.map((m) => m.movielensId);
  return Array.from({ length: users * perUser }, (_, i) => ({
    userId: 1 + Math.floor(i / perUser),
    movieId: ids[i % ids.length]!,
    rating: 0.5 + (i % 10) / 2,
    timestamp: 964982703 + i,
  }));
}

describe.each(testDrivers)('loaders on %s', (driver) => {
  const t = useTestDatabase(driver, 'test');

  it('loads movies with metadata, fills links, resolves duplicates, adds TMDB-only movies; a re-run changes nothing', async () => {
    const dataset = memoryDataset(movies, []);
    const report = await loadMovies({ db: t.db, dataset, metadata: snapshot });
    expect(report.movielens).toEqual({ inserted: 4, updated: 0, unchanged: 0 });
    expect(report.tmdbOnly).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(report.join).toEqual({
      movielensMovies: 4,
      withTmdbId: 3,
      linksFilledFromSnapshot: 1,
      duplicateLinksCleared: [144606],
      withMetadata: 3,
      withOverview: 3,
    });
    const heat = await t.db
      .selectFrom('movies')
      .select(['movielens_id', 'genres'])
      .where('tmdb_id', '=', 949)
      .executeTakeFirstOrThrow();
    expect(heat).toEqual({ movielens_id: null, genres: ['Crime', 'Sci-Fi'] });
    const again = await loadMovies({ db: t.db, dataset, metadata: snapshot });
    expect(again.movielens).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
    expect(again.tmdbOnly).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
  });

  it('loads ratings across batches with their users; a re-run changes nothing', async () => {
    const ratings = ratingsOf(30, 1000);
    const dataset = memoryDataset(movies, ratings);
    await loadMovies({ db: t.db, dataset, metadata: null });
    // 1000 ratings per user over 4 movies repeat pairs: the later line of a pair wins.
    const report = await loadRatings({ db: t.db, dataset });
    expect(report.users).toEqual({ inserted: 30, total: 30 });
    expect(report.ratings.inserted).toBe(120);
    expect((await tableCounts(t.db)).ratings).toBe(120);
    const again = await loadRatings({ db: t.db, dataset });
    expect(again.users.inserted).toBe(0);
    expect(again.ratings).toMatchObject({ inserted: 0, updated: 0 });
  });

  it('the first load, which re-creates the indexes and foreign keys of ratings, leaves them as the migrations made them', async () => {
    const definitions = async () =>
      (
        await sql<{ definition: string }>`
          select pg_get_indexdef(indexrelid) as definition from pg_index where indrelid = 'ratings'::regclass
          union all
          select conname || ' ' || pg_get_constraintdef(oid) from pg_constraint where conrelid = 'ratings'::regclass
          order by 1`.execute(t.db)
      ).rows.map((r) => r.definition);
    const before = await definitions();
    expect(before.join('\n')).toMatch(/ratings_movie_id_fkey FOREIGN KEY .* ON DELETE CASCADE/);
    const dataset = memoryDataset(movies, ratingsOf(3, 4));
    await loadMovies({ db: t.db, dataset, metadata: null });
    await loadRatings({ db: t.db, dataset });
    expect(await definitions()).toEqual(before);
    await t.db.deleteFrom('users').where('movielens_id', '=', 1).execute();
    expect((await tableCounts(t.db)).ratings).toBe(8);
  });

  it('counts a changed rating as updated, keeps the later line of a repeated pair, and adds new users', async () => {
    const first = [
      { userId: 7, movieId: 1, rating: 4, timestamp: 100 },
      { userId: 7, movieId: 2, rating: 3, timestamp: 100 },
    ];
    await loadMovies({ db: t.db, dataset: memoryDataset(movies, first), metadata: null });
    await loadRatings({ db: t.db, dataset: memoryDataset(movies, first) });
    const second = [
      ...first,
      { userId: 7, movieId: 2, rating: 5, timestamp: 200 },
      { userId: 8, movieId: 1, rating: 2, timestamp: 300 },
      { userId: 8, movieId: 1, rating: 1, timestamp: 400 },
    ];
    const report = await loadRatings({ db: t.db, dataset: memoryDataset(movies, second) });
    expect(report.users).toEqual({ inserted: 1, total: 2 });
    expect(report.ratings).toEqual({ inserted: 1, updated: 1, unchanged: 1 });
    const stored = await sql<{ user: number; movie: number; rating: number; at: number }>`
      select u.movielens_id as "user", m.movielens_id as movie, r.rating, extract(epoch from r.rated_at)::int as at
      from ratings r join users u on u.id = r.user_id join movies m on m.id = r.movie_id
      order by 1, 2`.execute(t.db);
    expect(stored.rows).toEqual([
      { user: 7, movie: 1, rating: 4, at: 100 },
      { user: 7, movie: 2, rating: 5, at: 200 },
      { user: 8, movie: 1, rating: 1, at: 400 },
    ]);
  });

  it('writes nothing when a line fails after earlier batches were written', async () => {
    const dataset = memoryDataset(movies, ratingsOf(30, 1000), 25_002);
    await loadMovies({ db: t.db, dataset, metadata: null });
    await expect(loadRatings({ db: t.db, dataset })).rejects.toThrow(
      '/memory/ratings.csv:25002: rating "x" is not a number',
    );
    expect(await tableCounts(t.db)).toMatchObject({ users: 0, ratings: 0 });
  });

  it('refuses ratings of movies that are not loaded, naming the line', async () => {
    const dataset = memoryDataset(movies, [
      { userId: 1, movieId: 1, rating: 4, timestamp: 1 },
      { userId: 1, movieId: 999, rating: 4, timestamp: 1 },
    ]);
    await expect(loadRatings({ db: t.db, dataset })).rejects.toThrow('no MovieLens movies are loaded yet');
    await loadMovies({ db: t.db, dataset, metadata: null });
    await expect(loadRatings({ db: t.db, dataset })).rejects.toThrow(
      '/memory/ratings.csv:3: movie 999 is not in the catalog',
    );
    expect((await tableCounts(t.db)).ratings).toBe(0);
  });

  it('refuses to mix MovieLens releases in one database', async () => {
    await loadMovies({ db: t.db, dataset: memoryDataset(movies, []), metadata: null });
    const other = { ...memoryDataset(movies, ratingsOf(1, 2)), variant: 'ml-1m' as const };
    await expect(loadMovies({ db: t.db, dataset: other, metadata: null })).rejects.toThrow(
      'this database holds ml-latest-small; load ml-1m into a fresh one',
    );
    await expect(loadRatings({ db: t.db, dataset: other })).rejects.toThrow('this database holds ml-latest-small');
  });

  it('sync-users keeps only the most active users', async () => {
    const ratings = [
      ...ratingsOf(3, 2),
      { userId: 2, movieId: 2, rating: 3, timestamp: 5 },
      { userId: 3, movieId: 6003, rating: 3, timestamp: 5 },
    ];
    const dataset = memoryDataset(movies, ratings);
    expect([...(await mostActiveUsers(dataset, 2))].sort()).toEqual([2, 3]);
    await loadMovies({ db: t.db, dataset, metadata: null });
    const report = await loadRatings({ db: t.db, dataset, onlyUsers: await mostActiveUsers(dataset, 2) });
    expect(report.users.inserted).toBe(2);
    expect(report.ratings.inserted).toBe(6);
  });
});
