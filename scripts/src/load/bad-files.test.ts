/**
 * Bad input files, loaded for real: each case names its file and line, and leaves the database
 * exactly as it was, even when earlier batches of the same load were already written.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDrivers, type TestDatabase } from '@movierec/functions/testing';
import type { Db } from '@movierec/functions/database';
import { openMovieLensDataset } from '../movielens/dataset.js';
import { csvFiles, removeTempDirs, tempDir, writeFiles } from '../movielens/fixtures.test-helper.js';
import { loadMovies } from './load-movies.js';
import { loadRatings } from './load-ratings.js';

afterAll(removeTempDirs);

const RATINGS_HEADER = 'userId,movieId,rating,timestamp';
const goodRatings = (n: number) =>
  Array.from({ length: n }, (_, i) => `${1 + (i % 500)},${1 + (i % 5)},${1 + (i % 9) / 2},${964982703 + i}`);

/** Everything a load could change, as one comparable value. */
async function snapshot(db: Db) {
  const result = await sql<{ state: string }>`
    select concat_ws('|',
      (select count(*) from movies), (select md5(string_agg(concat_ws(',', movielens_id, tmdb_id, title, genres), ';' order by id)) from movies),
      (select count(*) from users), (select count(*) from ratings),
      (select md5(string_agg(concat_ws(',', user_id, movie_id, rating, rated_at), ';' order by user_id, movie_id)) from ratings)) as state`.execute(
    db,
  );
  return result.rows[0]?.state;
}

/** A release whose counting pass is skipped, so the load itself meets the bad line. */
async function datasetWith(files: Record<string, string | null>) {
  const dir = await writeFiles(await tempDir(), csvFiles(files));
  return openMovieLensDataset(dir, 'ml-latest', { counts: { movies: 5, ratings: 1, users: 1, links: 4 } });
}

const CASES = [
  {
    name: 'wrong ratings header',
    file: 'ratings.csv',
    content: ['user,movie,rating,timestamp', '1,1,4,1'],
    at: 1,
    detail: 'wrong header',
  },
  {
    name: 'non-numeric rating',
    file: 'ratings.csv',
    content: [RATINGS_HEADER, '1,1,four,964982703'],
    at: 2,
    detail: 'rating is not a number: "four"',
  },
  {
    name: 'out-of-range rating',
    file: 'ratings.csv',
    content: [RATINGS_HEADER, '1,1,4.0,964982703', '1,2,7.5,964982703'],
    at: 3,
    detail: '7.5',
  },
  {
    name: 'truncated line',
    file: 'ratings.csv',
    content: [RATINGS_HEADER, '1,1,4.0,964982703', '2,1'],
    at: 3,
    detail: 'expected 4',
  },
  {
    name: 'bad line after 25,000 good ones',
    file: 'ratings.csv',
    content: [RATINGS_HEADER, ...goodRatings(25_000), '9,9,x,1'],
    at: 25_002,
    detail: '"x"',
  },
  {
    name: 'movie with a non-numeric id',
    file: 'movies.csv',
    content: ['movieId,title,genres', '1,Toy Story (1995),Comedy', 'x,Heat (1995),Crime'],
    at: 3,
    detail: 'movieId',
  },
];

describe.each(testDrivers)('loading bad files on %s', (driver) => {
  let t: TestDatabase;
  let before: string | undefined;
  beforeEach(async () => {
    t = await createTestDatabase(driver);
    const good = await datasetWith({});
    await loadMovies({ db: t.db, dataset: good, metadata: null });
    await loadRatings({ db: t.db, dataset: good });
    before = await snapshot(t.db);
  });
  afterEach(() => t.dispose());

  it.each(CASES)('$name: names $file:$at and changes nothing', async ({ file, content, at, detail }) => {
    const dataset = await datasetWith({ [file]: `${content.join('\n')}\n` });
    const load = async () => {
      await loadMovies({ db: t.db, dataset, metadata: null });
      await loadRatings({ db: t.db, dataset });
    };
    const error = await load().then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain(`${join(dataset.dir, file)}:${at}: `);
    expect(error?.message).toContain(detail);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('a missing ratings file names the file and changes nothing', async () => {
    const dataset = await datasetWith({});
    await rm(dataset.files.ratings);
    await expect(loadRatings({ db: t.db, dataset })).rejects.toThrow(dataset.files.ratings);
    expect(await snapshot(t.db)).toBe(before);
  });
});
