import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFileError } from '@movierec/functions/core';
import { openMovieLensDataset } from './dataset.js';
import {
  csvFiles,
  datFiles,
  files100k,
  type FixtureFiles,
  latin1,
  removeTempDirs,
  tempDir,
  writeFiles,
} from './fixtures.test-helper.js';
import type { MovieLensVariant } from './types.js';

afterAll(removeTempDirs);

interface BadCase {
  name: string;
  variant: MovieLensVariant;
  files: FixtureFiles;
  /** The file the error must name, and where. */
  file: string;
  line: number | null;
  detail: string;
}

const RATINGS_HEADER = 'userId,movieId,rating,timestamp';
const ratings = (...lines: string[]) => csvFiles({ 'ratings.csv': [RATINGS_HEADER, ...lines].join('\n') });
const movies = (...lines: string[]) => csvFiles({ 'movies.csv': ['movieId,title,genres', ...lines].join('\n') });
const links = (...lines: string[]) => csvFiles({ 'links.csv': ['movieId,imdbId,tmdbId', ...lines].join('\n') });
const ratingsAt = (line: number, detail: string) => ({
  variant: 'ml-latest' as const,
  file: 'ratings.csv',
  line,
  detail,
});

const CASES: BadCase[] = [
  {
    name: 'ratings.csv with the wrong header',
    ...ratingsAt(1, 'wrong header: expected "userId,movieId,rating,timestamp", got "user,movie,rating,timestamp"'),
    files: csvFiles({ 'ratings.csv': 'user,movie,rating,timestamp\n1,1,4.0,1\n' }),
  },
  {
    name: 'ratings.csv without a header',
    ...ratingsAt(1, 'wrong header: expected "userId,movieId,rating,timestamp", got "1,1,4.0,964982703"'),
    files: csvFiles({ 'ratings.csv': '1,1,4.0,964982703\n' }),
  },
  {
    name: 'an empty ratings.csv',
    ...ratingsAt(1, 'missing header: expected "userId,movieId,rating,timestamp", got an empty file'),
    files: csvFiles({ 'ratings.csv': '' }),
  },
  {
    name: 'a truncated ratings line',
    ...ratingsAt(3, 'wrong column count: expected 4 columns (userId, movieId, rating, timestamp), got 3: "2,1,4.0"'),
    files: ratings('1,1,4.0,1', '2,1,4.0'),
  },
  {
    name: 'a ratings line with an extra column',
    ...ratingsAt(2, 'wrong column count: expected 4 columns (userId, movieId, rating, timestamp), got 5'),
    files: ratings('1,1,4.0,1,x'),
  },
  {
    name: 'a non-numeric userId',
    ...ratingsAt(3, 'userId is not a positive integer: "u2"'),
    files: ratings('1,1,4.0,1', 'u2,1,4.0,1'),
  },
  {
    name: 'a non-numeric movieId',
    ...ratingsAt(2, 'movieId is not a positive integer: "1.5"'),
    files: ratings('1,1.5,4.0,1'),
  },
  {
    name: 'a rating that is not a number',
    ...ratingsAt(2, 'rating is not a number: "four"'),
    files: ratings('1,1,four,1'),
  },
  { name: 'an empty rating', ...ratingsAt(2, 'rating is not a number: ""'), files: ratings('1,1,,1') },
  { name: 'a rating above 5', ...ratingsAt(2, 'rating 5.5 is out of range 0.5–5.0'), files: ratings('1,1,5.5,1') },
  { name: 'a rating of 0', ...ratingsAt(2, 'rating 0.0 is out of range 0.5–5.0'), files: ratings('1,1,0.0,1') },
  { name: 'a negative rating', ...ratingsAt(2, 'rating -1 is out of range 0.5–5.0'), files: ratings('1,1,-1,1') },
  {
    name: 'a rating off the half-star grid',
    ...ratingsAt(2, 'rating 3.3 is not a multiple of 0.5'),
    files: ratings('1,1,3.3,1'),
  },
  {
    name: 'a negative timestamp',
    ...ratingsAt(2, 'timestamp is not a non-negative integer (Unix seconds): "-5"'),
    files: ratings('1,1,4.0,-5'),
  },
  {
    name: 'a fractional timestamp',
    ...ratingsAt(4, 'timestamp is not a non-negative integer (Unix seconds): "12.5"'),
    files: ratings('1,1,4.0,1', '1,2,4.0,2', '1,3,4.0,12.5'),
  },
  {
    name: 'movies.csv with the wrong header',
    variant: 'ml-latest',
    file: 'movies.csv',
    line: 1,
    detail: 'wrong header: expected "movieId,title,genres", got "id,title,genres"',
    files: csvFiles({ 'movies.csv': 'id,title,genres\n1,A (2000),Drama\n' }),
  },
  {
    name: 'a duplicate movieId',
    variant: 'ml-latest',
    file: 'movies.csv',
    line: 4,
    detail: 'duplicate movieId 1',
    files: movies('1,A (2000),Drama', '2,B (2001),Comedy', '1,C (2002),Drama'),
  },
  {
    name: 'a truncated movies line',
    variant: 'ml-latest',
    file: 'movies.csv',
    line: 3,
    detail: 'wrong column count: expected 3 columns (movieId, title, genres), got 2: "2,B (2001)"',
    files: movies('1,A (2000),Drama', '2,B (2001)'),
  },
  {
    name: 'a non-numeric movieId in movies.csv',
    variant: 'ml-latest',
    file: 'movies.csv',
    line: 2,
    detail: 'movieId is not a positive integer: "abc"',
    files: movies('abc,A (2000),Drama'),
  },
  {
    name: 'an unclosed quote in movies.csv',
    variant: 'ml-latest',
    file: 'movies.csv',
    line: 3,
    detail: 'not valid CSV: Quote Not Closed',
    files: movies('1,A (2000),Drama', '2,"B (2001),Drama', '3,C (2002),Drama', '4,D (2003),Drama'),
  },
  {
    name: 'links.csv with the wrong header',
    variant: 'ml-latest',
    file: 'links.csv',
    line: 1,
    detail: 'wrong header: expected "movieId,imdbId,tmdbId", got "movieId,imdb,tmdb"',
    files: csvFiles({ 'links.csv': 'movieId,imdb,tmdb\n' }),
  },
  {
    name: 'a non-numeric imdbId',
    variant: 'ml-latest',
    file: 'links.csv',
    line: 3,
    detail: 'imdbId is not numeric: "x114709"',
    files: links('2,0133093,603', '1,x114709,862'),
  },
  {
    name: 'a non-numeric tmdbId',
    variant: 'ml-latest',
    file: 'links.csv',
    line: 2,
    detail: 'tmdbId is not a positive integer: "86a"',
    files: links('1,0114709,86a'),
  },
  {
    name: 'a truncated ratings.dat line',
    variant: 'ml-1m',
    file: 'ratings.dat',
    line: 2,
    detail: 'wrong column count: expected 4 columns (userId, movieId, rating, timestamp), got 3: "1::2::3"',
    files: datFiles({ 'ratings.dat': '1::1::5::978300760\n1::2::3\n' }),
  },
  {
    name: 'a movies.dat line without genres',
    variant: 'ml-1m',
    file: 'movies.dat',
    line: 2,
    detail: 'wrong column count: expected 3 columns (MovieID, Title, Genres), got 2',
    files: datFiles({ 'movies.dat': latin1('1::Toy Story (1995)::Comedy\n2::Café (1994)\n') }),
  },
  {
    name: 'a duplicate MovieID in movies.dat',
    variant: 'ml-1m',
    file: 'movies.dat',
    line: 2,
    detail: 'duplicate MovieID 1',
    files: datFiles({ 'movies.dat': latin1('1::A (1995)::Comedy\n1::B (1994)::Drama\n') }),
  },
  {
    name: 'a u.data rating of 6',
    variant: 'ml-100k',
    file: 'u.data',
    line: 2,
    detail: 'rating 6 is out of range 0.5–5.0',
    files: files100k({ 'u.data': '1\t1\t3\t1\n1\t2\t6\t1\n' }),
  },
  {
    name: 'a u.item line missing its genre flags',
    variant: 'ml-100k',
    file: 'u.item',
    line: 1,
    detail:
      'wrong column count: expected 24 columns (movie id, movie title, release date, video release date, IMDb URL, unknown, Action,',
    files: files100k({ 'u.item': latin1('1|Toy Story (1995)|01-Jan-1995||http://x\n') }),
  },
  {
    name: 'a u.item genre flag that is not 0 or 1',
    variant: 'ml-100k',
    file: 'u.item',
    line: 1,
    detail: 'genre flag for Action is not 0 or 1: "2"',
    files: files100k({ 'u.item': latin1('1|A (1995)|||x|0|2|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n') }),
  },
  {
    name: 'a u.genre with a gap in its indexes',
    variant: 'ml-100k',
    file: 'u.genre',
    line: null,
    detail: 'genre indexes skip 1; they must run 0..n-1',
    files: files100k({ 'u.genre': 'unknown|0\nAction|2\n' }),
  },
];

describe('bad input is reported with its file and line', () => {
  it.each(CASES)('$name', async ({ variant, files, file, line, detail }) => {
    const dir = await writeFiles(await tempDir(), files);
    const error = await openMovieLensDataset(dir, variant).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(DataFileError);
    const path = join(dir, file);
    expect(error).toMatchObject({ code: 'invalid_input', file: path, line });
    expect((error as DataFileError).message).toContain(`${line === null ? path : `${path}:${line}`}: ${detail}`);
  });
});
