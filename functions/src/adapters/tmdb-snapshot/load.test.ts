import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodedError, DataFileError } from '../../core/errors.js';
import { loadTmdbSnapshot } from './load.js';
import { csv, FIXTURE_FILES, TMDB5000_HEADER, tmdb5000Row, TOP10K_HEADER, writeFixture } from './test-fixtures.js';
import type { TmdbSnapshot } from './types.js';

const dirs: string[] = [];
async function fixture(files?: Record<string, string>): Promise<string> {
  const dir = await writeFixture(files);
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function loadError(files: Record<string, string>): Promise<DataFileError> {
  const dir = await fixture(files);
  const error = await loadTmdbSnapshot(dir).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DataFileError);
  return error as DataFileError;
}

describe('loadTmdbSnapshot on the fixture', () => {
  let dir: string;
  let snapshot: TmdbSnapshot;
  beforeAll(async () => {
    dir = await fixture();
    snapshot = await loadTmdbSnapshot(dir);
  });

  it('finds every file below the folder and counts its records', () => {
    expect(snapshot.files).toEqual({
      tmdb5000: { path: join(dir, 'tmdb-5000/tmdb_5000_movies.csv'), records: 4 },
      top10k: { path: join(dir, 'top10k/top10K-TMDB-movies.csv'), records: 4 },
      keywords: { path: join(dir, 'the-movies-dataset/keywords.csv'), records: 6 },
      links: { path: join(dir, 'the-movies-dataset/links.csv'), records: 4 },
    });
  });

  it('merges movies from tmdb-5000 and top10k only (keyword-only ids are not movies)', () => {
    expect([...snapshot.movies.keys()].sort((a, b) => a - b)).toEqual([100, 200, 300, 400, 603, 862]);
  });

  it('maps a tmdb-5000 movie fully, with canonical genres and its inline keywords', () => {
    expect(snapshot.movies.get(862)).toEqual({
      tmdbId: 862,
      imdbId: 'tt0114709',
      title: 'Toy Story',
      year: 1995,
      genres: ['Animation', 'Comedy', 'Children'],
      overview: 'Led by "Woody", Andy\'s toys live happily, until Buzz arrives.',
      tagline: null,
      runtime: 81,
      posterPath: null,
      backdropPath: null,
      voteAverage: 7.5,
      voteCount: 120,
      popularity: 21.5,
      keywords: ['jealousy', 'toy'],
    });
  });

  it('prefers the newer top10k over tmdb-5000 where both have a field, drops unmapped genres, merges repeated keyword rows', () => {
    expect(snapshot.movies.get(603)).toMatchObject({
      imdbId: 'tt0133093',
      overview: 'Top10k overview, newer than tmdb-5000.',
      tagline: 'Welcome to the Real World.',
      runtime: 136,
      year: 1999,
      genres: ['Action', 'Sci-Fi'],
      popularity: 80.1,
      voteCount: 26000,
      keywords: ['artificial intelligence', 'children\'s "quoted" dystopia', 'cyberpunk'],
    });
  });

  it('fills tmdb-5000 gaps from top10k (multi-line overview, year, genres) and reads runtime 0 as unknown', () => {
    expect(snapshot.movies.get(100)).toMatchObject({
      title: 'Gappy (top10k title)',
      overview: 'First line\nsecond line, "quoted"',
      year: 2001,
      genres: ['Drama', 'Children'],
      runtime: null,
      imdbId: null,
    });
    expect(snapshot.movies.get(200)?.genres).toEqual([]);
  });

  it('reads top10k-only movies: empty overview is null, keywords from keywords.csv', () => {
    expect(snapshot.movies.get(300)).toMatchObject({
      title: 'Amélie',
      overview: null,
      tagline: null,
      keywords: [],
      imdbId: 'tt0211915',
    });
    expect(snapshot.movies.get(400)).toMatchObject({
      year: 2003,
      voteAverage: 8,
      keywords: ["ça, c'est la vie", '東京'],
    });
  });

  it('exposes MovieLens links, skipping rows without a tmdbId', () => {
    expect([...snapshot.movielensLinks]).toEqual([
      [1, 862],
      [2, 603],
      [4, 300],
    ]);
  });

  it('matches titles with year, whatever the article placement or accents', () => {
    expect(snapshot.matchByTitleYear('Matrix, The', 1999)).toBe(603);
    expect(snapshot.matchByTitleYear('the matrix (1999)', 1999)).toBe(603);
    expect(snapshot.matchByTitleYear("Amelie (Fabuleux destin d'Amélie Poulain, Le)", 2001)).toBe(300);
    expect(snapshot.matchByTitleYear('Kill Bill - Vol 1', 2003)).toBe(400);
    expect(snapshot.matchByTitleYear('The Matrix', 2000)).toBeNull();
    expect(snapshot.matchByTitleYear('Unknown', 1999)).toBeNull();
  });

  it('reads only the kinds asked for', async () => {
    const linksOnly = await loadTmdbSnapshot(dir, { include: ['links'] });
    expect(Object.keys(linksOnly.files)).toEqual(['links']);
    expect(linksOnly.movies.size).toBe(0);
    expect(linksOnly.movielensLinks.get(1)).toBe(862);
  });
});

describe('loadTmdbSnapshot with a subset or nothing', () => {
  it('works with a single file', async () => {
    const dir = await fixture({ 'x/top10K-TMDB-movies.csv': FIXTURE_FILES['top10k/top10K-TMDB-movies.csv'] ?? '' });
    const snapshot = await loadTmdbSnapshot(dir);
    expect(snapshot.movies.size).toBe(4);
    expect(snapshot.movies.get(603)?.overview).toBe('Top10k overview, newer than tmdb-5000.');
    expect(snapshot.movielensLinks.size).toBe(0);
  });

  it('fails clearly when no snapshot file is there', async () => {
    const dir = await fixture({ 'README.md': '# nothing' });
    const error = await loadTmdbSnapshot(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CodedError);
    expect((error as CodedError).code).toBe('invalid_input');
    expect((error as Error).message).toBe(
      `${dir}: no TMDB snapshot files found (expected tmdb_5000_movies.csv, top10K-TMDB-movies.csv, keywords.csv, links.csv, movies_enriched.csv, TMDB_movie_dataset_v11.csv)`,
    );
  });

  it('refuses two files of one name rather than guessing', async () => {
    const links = FIXTURE_FILES['the-movies-dataset/links.csv'] ?? '';
    const dir = await fixture({ 'a/links.csv': links, 'b/links.csv': links });
    await expect(loadTmdbSnapshot(dir)).rejects.toThrow(/two links\.csv files/);
  });

  it('fails on a missing folder', async () => {
    await expect(loadTmdbSnapshot('/nonexistent/tmdb')).rejects.toThrow(/not a directory/);
  });
});

describe('bad files name file and line', () => {
  it('a wrong header', async () => {
    const error = await loadError({ 'top10K-TMDB-movies.csv': 'id,name,genre\n1,x,Drama\n' });
    expect(error.file).toMatch(/top10K-TMDB-movies\.csv$/);
    expect(error.line).toBe(1);
    expect(error.message).toMatch(/missing column\(s\) title, overview, release_date/);
  });

  it('a record with the wrong column count, counted in physical lines past a multi-line record', async () => {
    const body =
      csv([TOP10K_HEADER, ['1', 'A', 'Drama', 'en', 'two\nlines', '1', '2000-01-01', '5', '1']]) + '2,B,Drama\n';
    const error = await loadError({ 'top10K-TMDB-movies.csv': body });
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/:4: Invalid Record Length: expect 9, got 3$/);
  });

  it('an unclosed quote', async () => {
    const error = await loadError({ 'links.csv': 'movieId,imdbId,tmdbId\n1,"0114709,862\n' });
    expect(error.message).toMatch(/links\.csv:\d+: Quote Not Closed/);
  });

  it('a bad id', async () => {
    const error = await loadError({ 'links.csv': 'movieId,imdbId,tmdbId\r\n1,0114709,862\r\n2,0113497,abc\r\n' });
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/links\.csv:3: tmdbId: expected a positive integer, got "abc"$/);
  });

  it('a bad date', async () => {
    const body = csv([TMDB5000_HEADER, tmdb5000Row({ id: '1', title: 'A', genres: '[]', releaseDate: '30/03/1999' })]);
    const error = await loadError({ 'tmdb_5000_movies.csv': body });
    expect(error.message).toMatch(/tmdb_5000_movies\.csv:2: release_date: expected an ISO date/);
  });

  it('genres that are not JSON', async () => {
    const body = csv([TMDB5000_HEADER, tmdb5000Row({ id: '1', title: 'A', genres: "[{'id': 1, 'name': 'Drama'}]" })]);
    const error = await loadError({ 'tmdb_5000_movies.csv': body });
    expect(error.message).toMatch(/:2: genres: not a JSON array/);
  });

  it('a malformed Python literal in keywords.csv', async () => {
    const body = csv([
      ['id', 'keywords'],
      ['1', '[]'],
      ['2', "[{'id': 1, 'name': 'unterminated}]"],
    ]);
    const error = await loadError({ 'keywords.csv': body });
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/keywords\.csv:3: keywords: unterminated string at offset \d+$/);
  });

  it('a keyword list of the wrong shape', async () => {
    const error = await loadError({
      'keywords.csv': csv([
        ['id', 'keywords'],
        ['1', "[{'id': 1}]"],
      ]),
    });
    expect(error.message).toMatch(/:2: keywords\[0\]: expected a dict with a string 'name'/);
  });
});
