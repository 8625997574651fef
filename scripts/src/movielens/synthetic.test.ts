import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from './fixtures.test-helper.js';
import { readRatingBatches } from './ratings.js';
import { mulberry32, writeSyntheticRatings } from './synthetic.js';

afterAll(removeTempDirs);

describe('writeSyntheticRatings', () => {
  it('writes exactly the ratings asked for, valid, grouped by user, without repeated pairs', async () => {
    const path = join(await tempDir(), 'ratings.csv');
    await writeSyntheticRatings({ path, users: 7, movies: 30, ratings: 100, seed: 42 });
    const ratings = [];
    for await (const batch of readRatingBatches(path, 'csv')) ratings.push(...batch);
    expect(ratings).toHaveLength(100);
    expect(new Set(ratings.map((r) => r.userId))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    expect(ratings.map((r) => r.userId)).toEqual([...ratings.map((r) => r.userId)].sort((a, b) => a - b));
    expect(new Set(ratings.map((r) => `${r.userId}:${r.movieId}`)).size).toBe(100);
    expect(ratings.every((r) => r.movieId >= 1 && r.movieId <= 30)).toBe(true);
  });

  it('writes the same file for the same seed', async () => {
    const dir = await tempDir();
    const options = { users: 5, movies: 10, ratings: 40, seed: 7 };
    await writeSyntheticRatings({ path: join(dir, 'a.csv'), ...options });
    await writeSyntheticRatings({ path: join(dir, 'b.csv'), ...options });
    expect(await readFile(join(dir, 'a.csv'), 'utf8')).toBe(await readFile(join(dir, 'b.csv'), 'utf8'));
  });

  it('refuses more ratings per user than there are movies', async () => {
    const path = join(await tempDir(), 'ratings.csv');
    await expect(writeSyntheticRatings({ path, users: 1, movies: 3, ratings: 4, seed: 1 })).rejects.toThrow(
      '4 ratings over 1 users need more than 3 movies',
    );
  });
});

describe('mulberry32', () => {
  it('is deterministic and stays in [0, 1)', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
