import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openMovieLensDataset } from './dataset.js';
import { DEFAULT_100K_GENRES } from './movies-text.js';
import {
  csvFiles,
  datFiles,
  files100k,
  genreFile,
  itemLine,
  latin1,
  removeTempDirs,
  tempDir,
  writeFiles,
} from './fixtures.test-helper.js';
import type { MovieLensDataset } from './types.js';

afterAll(removeTempDirs);

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function movies(dataset: MovieLensDataset) {
  return collect(dataset.movies());
}

describe('csv format', () => {
  it('parses quoted titles, years and genres, and merges links with tt-prefixed IMDb ids', async () => {
    const dataset = await openMovieLensDataset(await writeFiles(await tempDir(), csvFiles()), 'ml-latest-small');
    expect(dataset.format).toBe('csv');
    expect(await movies(dataset)).toEqual([
      {
        movielensId: 1,
        title: 'Toy Story',
        year: 1995,
        genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'],
        imdbId: 'tt0114709',
        tmdbId: 862,
        line: 2,
      },
      {
        movielensId: 2,
        title: 'Matrix, The',
        year: 1999,
        genres: ['Action', 'Sci-Fi', 'Thriller'],
        imdbId: 'tt0133093',
        tmdbId: 603,
        line: 3,
      },
      {
        movielensId: 3,
        title: 'Shawshank "Redemption"',
        year: 1994,
        genres: ['Crime', 'Drama'],
        imdbId: 'tt0111161',
        tmdbId: null,
        line: 4,
      },
      { movielensId: 4, title: 'Hyena Road', year: null, genres: [], imdbId: 'tt1234567', tmdbId: 371690, line: 5 },
      {
        movielensId: 5,
        title: 'Death Note: Desu nôto',
        year: 2006,
        genres: ['Film-Noir', 'IMAX'],
        imdbId: null,
        tmdbId: null,
        line: 6,
      },
    ]);
  });

  it('streams ratings with their line numbers and counts movies, ratings, users and links', async () => {
    const dataset = await openMovieLensDataset(await writeFiles(await tempDir(), csvFiles()), 'ml-latest-small');
    const ratings = await collect(dataset.ratings());
    expect(ratings[0]).toEqual({ userId: 1, movieId: 1, rating: 4, timestamp: 964982703, line: 2 });
    expect(ratings.map((r) => r.rating)).toEqual([4, 5, 0.5, 3.5, 4.5]);
    expect(ratings.at(-1)?.line).toBe(6);
    expect(dataset.counts).toEqual({ movies: 5, ratings: 5, users: 3, links: 4 });
  });

  it('reads CRLF files with a byte-order mark, a quoted title spanning lines, and no links file', async () => {
    const dir = await writeFiles(
      await tempDir(),
      csvFiles({
        'movies.csv': '\uFEFFmovieId,title,genres\r\n1,"Two\r\nLines (2001)",Drama\r\n2,After (2002),Comedy\r\n',
        'ratings.csv': '\uFEFFuserId,movieId,rating,timestamp\r\n1,1,3.0,1\r\n\r\n1,2,2.5,2',
        'links.csv': null,
      }),
    );
    const dataset = await openMovieLensDataset(dir, 'ml-latest');
    const all = await movies(dataset);
    expect(all.map((m) => [m.title, m.year, m.line])).toEqual([
      ['Two Lines', 2001, 2],
      ['After', 2002, 4],
    ]);
    expect(all[0]?.imdbId).toBeNull();
    expect((await collect(dataset.ratings())).map((r) => [r.rating, r.line])).toEqual([
      [3, 2],
      [2.5, 4],
    ]);
    expect(dataset.counts).toEqual({ movies: 2, ratings: 2, users: 1, links: null });
    expect(dataset.files.links).toBeNull();
  });

  it('closes the ratings file when a loop stops early', async () => {
    const dataset = await openMovieLensDataset(await writeFiles(await tempDir(), csvFiles()), 'ml-latest-small');
    for await (const rating of dataset.ratings()) {
      expect(rating.line).toBe(2);
      break;
    }
    expect((await collect(dataset.ratings())).length).toBe(5);
  });
});

describe('dat format (ml-1m)', () => {
  it('decodes latin1, splits on "::" and maps the old genre names', async () => {
    const dataset = await openMovieLensDataset(await writeFiles(await tempDir(), datFiles()), 'ml-1m');
    expect(dataset.format).toBe('dat');
    expect((await movies(dataset)).map((m) => [m.movielensId, m.title, m.year, m.genres, m.imdbId, m.line])).toEqual([
      [1, 'Toy Story', 1995, ['Animation', 'Children', 'Comedy'], null, 1],
      [2, 'Café au Lait', 1994, ['Comedy'], null, 2],
      [3, 'City of Lost Children, The', 1995, ['Adventure', 'Sci-Fi'], null, 3],
    ]);
    expect(await collect(dataset.ratings())).toContainEqual({
      userId: 2,
      movieId: 3,
      rating: 4,
      timestamp: 978301968,
      line: 3,
    });
    expect(dataset.counts).toEqual({ movies: 3, ratings: 4, users: 2, links: null });
  });
});

describe('100k format', () => {
  it('reads u.item flags in u.genre order, latin1 titles, and tab-separated u.data', async () => {
    const dataset = await openMovieLensDataset(await writeFiles(await tempDir(), files100k()), 'ml-100k');
    expect(dataset.format).toBe('100k');
    expect((await movies(dataset)).map((m) => [m.movielensId, m.title, m.year, m.genres, m.line])).toEqual([
      [1, 'Toy Story', 1995, ['Animation', 'Children', 'Comedy'], 1],
      [2, 'GoldenEye', 1995, ['Action', 'Adventure', 'Thriller'], 2],
      [3, 'Café Lumière', 1996, ['Drama'], 3],
      [267, 'unknown', null, [], 4],
    ]);
    expect(await collect(dataset.ratings())).toContainEqual({
      userId: 186,
      movieId: 2,
      rating: 3,
      timestamp: 891717742,
      line: 2,
    });
    expect(dataset.counts).toEqual({ movies: 4, ratings: 3, users: 2, links: null });
  });

  it('follows a u.genre that lists genres in another order', async () => {
    const order = [...DEFAULT_100K_GENRES].reverse();
    const item = latin1(`${itemLine(7, 'Heat (1995)', ['Crime', 'Thriller'], order)}\n`);
    const dir = await writeFiles(await tempDir(), files100k({ 'u.item': item, 'u.genre': genreFile(order) }));
    const [movie] = await movies(await openMovieLensDataset(dir, 'ml-100k'));
    expect(movie?.genres).toEqual(['Thriller', 'Crime']);
  });

  it('uses the standard genre order when u.genre is missing', async () => {
    const dir = await writeFiles(await tempDir(), files100k({ 'u.genre': null }));
    const all = await movies(await openMovieLensDataset(dir, 'ml-100k'));
    expect(all[1]?.genres).toEqual(['Action', 'Adventure', 'Thriller']);
  });
});

describe('format detection', () => {
  it('names the missing file when only part of a format is there', async () => {
    const dir = await writeFiles(await tempDir(), csvFiles({ 'movies.csv': null }));
    await expect(openMovieLensDataset(dir, 'ml-latest-small')).rejects.toThrow(
      `${dir}: movies.csv is missing (the csv format needs movies.csv and ratings.csv)`,
    );
  });

  it('lists what it looked for when there are no MovieLens files', async () => {
    const dir = await tempDir();
    await expect(openMovieLensDataset(join(dir), 'ml-1m')).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('no MovieLens files here (expected movies.csv + ratings.csv'),
    });
  });
});
