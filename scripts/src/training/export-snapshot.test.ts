import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDrivers } from '@movierec/functions/testing';
import { removeTempDirs, tempDir } from '../movielens/fixtures.test-helper.js';
import { loadMovies } from '../load/load-movies.js';
import { loadRatings } from '../load/load-ratings.js';
import { memoryDataset } from '../load/testing.js';
import { exportTrainingSnapshot } from './export-snapshot.js';
import { npyHeader } from './npy.js';

afterAll(removeTempDirs);

const movies = [
  { movielensId: 1, title: 'Toy Story', year: 1995, genres: ['Animation'], imdbId: null, tmdbId: 862 },
  { movielensId: 2, title: 'Jumanji', year: 1995, genres: ['Adventure'], imdbId: null, tmdbId: null },
];
const ratings = [
  { userId: 7, movieId: 2, rating: 3.5, timestamp: 964982800 },
  { userId: 7, movieId: 1, rating: 4.5, timestamp: 964982703 },
  { userId: 3, movieId: 1, rating: 0.5, timestamp: 1_700_000_000 },
];

/** Reads back the rows of a (user_id i4, movie_id i4, rating f4, rated_at i8) .npy file. */
function parseRatings(file: Buffer) {
  const headerLength = file.readUInt16LE(8);
  const rows = [];
  for (let offset = 10 + headerLength; offset < file.length; offset += 20) {
    rows.push([
      file.readInt32LE(offset),
      file.readInt32LE(offset + 4),
      file.readFloatLE(offset + 8),
      Number(file.readBigInt64LE(offset + 12)),
    ]);
  }
  return rows;
}

it('writes .npy headers that align data on 64 bytes', () => {
  const header = npyHeader([{ name: 'user_id', type: '<i4' }], 12);
  expect(header.length % 64).toBe(0);
  expect(header.subarray(0, 6).toString('latin1')).toBe('\x93NUMPY');
  expect(header.toString('latin1')).toContain(
    "{'descr': [('user_id', '<i4')], 'fortran_order': False, 'shape': (12,), }",
  );
  expect(header.at(-1)).toBe(0x0a);
});

describe.each(testDrivers)('export-training on %s', (driver) => {
  it('exports movies and time-ordered ratings with a manifest', async () => {
    const t = await createTestDatabase(driver);
    try {
      const dataset = memoryDataset(movies, ratings);
      await expect(exportTrainingSnapshot(t.db, join(await tempDir(), 's'), 'test')).rejects.toThrow('no ratings yet');
      await loadMovies({ db: t.db, dataset, metadata: null });
      await loadRatings({ db: t.db, dataset });
      await t.db
        .updateTable('movies')
        .set({ vote_count: 120, vote_average: 6.5 })
        .where('movielens_id', '=', 1)
        .execute();
      const dir = join(await tempDir(), 'snapshot');
      const exported = await exportTrainingSnapshot(t.db, dir, 'ml-latest-small');
      expect(exported.counts).toEqual({ movies: 2, ratings: 3, users: 2 });
      const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ format: 1, variant: 'ml-latest-small', counts: exported.counts });
      const lines = (await readFile(join(dir, 'movies.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.map((m) => [m.movielens_id, m.tmdb_id, m.title])).toEqual([
        [1, 862, 'Toy Story'],
        [2, null, 'Jumanji'],
      ]);
      // TMDB's votes feed the content features; unknown ones are null.
      expect(lines.map((m) => [m.vote_count, m.vote_average])).toEqual([
        [120, 6.5],
        [null, null],
      ]);
      const ids = Object.fromEntries(lines.map((m) => [m.movielens_id, m.id]));
      const users = await t.db.selectFrom('users').select(['id', 'movielens_id']).execute();
      const userId = Object.fromEntries(users.map((u) => [u.movielens_id, u.id]));
      // Users in id order (user 7 was created first), each user's ratings oldest first.
      expect(parseRatings(await readFile(join(dir, 'ratings.npy')))).toEqual([
        [userId[7], ids[1], 4.5, 964982703],
        [userId[7], ids[2], 3.5, 964982800],
        [userId[3], ids[1], 0.5, 1_700_000_000],
      ]);
    } finally {
      await t.dispose();
    }
  });
});
