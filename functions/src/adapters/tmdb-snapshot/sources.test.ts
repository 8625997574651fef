/** The newer movie files (movies_enriched.csv, full-2023) merged with the older ones, field by field. */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFileError } from '../../core/errors.js';
import { loadTmdbSnapshot } from './load.js';
import {
  csv,
  ENRICHED_HEADER,
  enrichedRow,
  FIXTURE_FILES,
  FULL2023_HEADER,
  full2023Row,
  TOP10K_HEADER,
  writeFixture,
} from './test-fixtures.js';
import type { TmdbSnapshot } from './types.js';

const ENRICHED = csv([
  ENRICHED_HEADER,
  enrichedRow({
    movieId: '1',
    title: 'Toy Story (1995)',
    genres: 'Adventure|Animation|Children',
    tmdbId: '862',
    overview: 'Enriched: Woody and Buzz.',
    posterPath: '/uXDfjJbdP4ijW5hWSBrPrlKpxab.jpg',
    voteAverage: '7.971',
    voteCount: '19339.0',
    popularity: '17.4765',
    releaseDate: '1995-11-22',
    runtime: '81.0',
  }),
  // TMDB had an entry without overview, poster or runtime: those come from the older files.
  enrichedRow({
    movieId: '2571',
    title: 'Matrix, The (1999)',
    genres: 'Action|Sci-Fi|Thriller',
    tmdbId: '603',
    releaseDate: '1999-03-30',
  }),
  enrichedRow({
    movieId: '11',
    title: 'American President, The (1995)',
    genres: 'Comedy|Drama|Romance',
    tmdbId: '9087',
    releaseDate: '1995-11-17',
    runtime: '106.0',
  }),
  // MovieLens links this one to a TMDB id TMDB has nothing for; full-2023 has it under another id.
  enrichedRow({
    movieId: '122926',
    title: 'Untitled Spider-Man Reboot (2017)',
    genres: 'Action|Adventure',
    tmdbId: '202249',
  }),
  enrichedRow({ movieId: '999', title: 'No Link (2001)', genres: 'Drama', tmdbId: '' }),
]);

const full2023Rows = [
  full2023Row({
    id: '603',
    title: 'The Matrix',
    imdbId: 'tt0133093',
    genres: 'Action, Science Fiction',
    keywords: 'hacker, simulated reality',
    overview: 'Full-2023: Neo wakes up.',
    tagline: 'Free your mind.',
    runtime: '136',
    releaseDate: '1999-03-31',
    posterPath: '/matrix.jpg',
    backdropPath: '/matrix-backdrop.jpg',
    voteCount: '25000',
  }),
  full2023Row({
    id: '315635',
    title: 'Spider-Man: Homecoming',
    imdbId: 'tt2250912',
    genres: 'Action, Adventure',
    keywords: 'superhero',
    overview: 'Peter Parker returns to school.',
    runtime: '133',
    posterPath: '/spidey.jpg',
    backdropPath: '/spidey-backdrop.jpg',
  }),
  full2023Row({
    id: '27205',
    title: 'Inception',
    imdbId: 'tt1375666',
    genres: 'Action, Science Fiction',
    keywords: 'rescue, mission, dream',
    runtime: '148',
    backdropPath: '/inception-backdrop.jpg',
  }),
];

/** The real trimmed copy ends inside its last record's keywords, without closing quote or newline. */
const FULL2023_CUT = csv([FULL2023_HEADER, ...full2023Rows], { quoteAll: true, trailingNewline: false }).replace(
  /, dream"$/,
  ', dr',
);

const LINKS = csv(
  [
    ['movieId', 'imdbId', 'tmdbId'],
    ['1', '0114709', '862'],
    ['2571', '0133093', '603'],
    ['122926', '2250912', '202249'],
  ],
  { eol: '\r\n' },
);

const ALL_SOURCES: Record<string, string> = {
  ...FIXTURE_FILES,
  'the-movies-dataset/links.csv': LINKS,
  'ml-latest-small-enriched/movies_enriched.csv': ENRICHED,
  'full-tmdb-2023-top/TMDB_movie_dataset_v11.csv': FULL2023_CUT,
};

const dirs: string[] = [];
async function load(files: Record<string, string>): Promise<TmdbSnapshot> {
  const dir = await writeFixture(files);
  dirs.push(dir);
  return loadTmdbSnapshot(dir);
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function loadError(files: Record<string, string>): Promise<DataFileError> {
  const error = await load(files).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DataFileError);
  return error as DataFileError;
}

describe('every snapshot file together', () => {
  let snapshot: TmdbSnapshot;
  beforeAll(async () => {
    snapshot = await load(ALL_SOURCES);
  });

  it('counts the records of the new files (a row without tmdbId is counted, not merged)', () => {
    expect(snapshot.files.enriched?.records).toBe(5);
    expect(snapshot.files.full2023?.records).toBe(3);
  });

  it('takes poster, runtime, votes and overview from enriched, the newest, reading its floats', () => {
    expect(snapshot.movies.get(862)).toMatchObject({
      title: 'Toy Story', // tmdb-5000's title: enriched carries MovieLens' title, asked last
      overview: 'Enriched: Woody and Buzz.',
      posterPath: '/uXDfjJbdP4ijW5hWSBrPrlKpxab.jpg',
      runtime: 81,
      voteAverage: 7.971,
      voteCount: 19339,
      popularity: 17.4765,
      year: 1995,
      keywords: ['jealousy', 'toy'], // full-2023 has no row; tmdb-5000's inline keywords
      backdropPath: null,
    });
  });

  it('fills what enriched lacks from full-2023, before top10k and tmdb-5000', () => {
    expect(snapshot.movies.get(603)).toMatchObject({
      title: 'The Matrix',
      imdbId: 'tt0133093',
      overview: 'Full-2023: Neo wakes up.',
      tagline: 'Free your mind.', // over tmdb-5000's
      runtime: 136,
      posterPath: '/matrix.jpg',
      backdropPath: '/matrix-backdrop.jpg',
      voteCount: 25000, // over top10k's 26000 and tmdb-5000's 120
      popularity: 60.5,
      year: 1999, // enriched's release date
      genres: ['Action', 'Sci-Fi'],
      keywords: ['hacker', 'simulated reality'], // over keywords.csv
    });
  });

  it('shows an enriched-only movie under its display title, with MovieLens genres', () => {
    expect(snapshot.movies.get(9087)).toMatchObject({
      title: 'The American President',
      year: 1995,
      genres: ['Comedy', 'Drama', 'Romance'],
      runtime: 106,
      overview: null,
      posterPath: null,
    });
    expect(snapshot.matchByTitleYear('American President, The', 1995)).toBe(9087);
  });

  it('joins a full-2023 row by IMDb id when MovieLens links its movie to another TMDB id', () => {
    expect(snapshot.movies.get(202249)).toMatchObject({
      title: 'Spider-Man: Homecoming',
      imdbId: 'tt2250912',
      overview: 'Peter Parker returns to school.',
      posterPath: '/spidey.jpg',
      backdropPath: '/spidey-backdrop.jpg',
      runtime: 133,
    });
    expect(snapshot.movies.has(315635)).toBe(false);
  });

  it('keeps a full-2023 movie MovieLens lacks, dropping the keyword the cut-off file lost the end of', () => {
    expect(snapshot.movies.get(27205)).toMatchObject({
      title: 'Inception',
      keywords: ['rescue', 'mission'],
      runtime: 148,
    });
  });

  it('makes a movie of every id with a row in a movie file', () => {
    expect([...snapshot.movies.keys()].sort((a, b) => a - b)).toEqual([
      100, 200, 300, 400, 603, 862, 9087, 27205, 202249,
    ]);
  });
});

describe('full-2023 without links.csv', () => {
  it('joins by TMDB id only', async () => {
    const snapshot = await load({
      'TMDB_movie_dataset_v11.csv': csv([FULL2023_HEADER, ...full2023Rows], { quoteAll: true }),
    });
    expect(snapshot.movies.get(315635)?.backdropPath).toBe('/spidey-backdrop.jpg');
    expect(snapshot.movies.get(27205)?.keywords).toEqual(['rescue', 'mission', 'dream']);
  });
});

describe('bad lines in the new files name file and line', () => {
  const enriched = (row: Parameters<typeof enrichedRow>[0]) => ({
    'movies_enriched.csv': csv([
      ENRICHED_HEADER,
      enrichedRow({ movieId: '1', title: 'A (2000)', genres: 'Drama', tmdbId: '1' }),
      enrichedRow(row),
    ]),
  });

  it('a vote count with a fraction', async () => {
    const error = await loadError(
      enriched({ movieId: '2', title: 'B (2001)', genres: 'Drama', tmdbId: '2', voteCount: '12.5' }),
    );
    expect(error.message).toMatch(/movies_enriched\.csv:3: vote_count: expected a non-negative integer, got "12\.5"$/);
  });

  it('a poster path that is not a TMDB image path', async () => {
    const error = await loadError(
      enriched({ movieId: '2', title: 'B (2001)', genres: 'Drama', tmdbId: '2', posterPath: 'poster.jpg' }),
    );
    expect(error.message).toMatch(/movies_enriched\.csv:3: poster_path: expected a TMDB image path/);
  });

  it('a runtime that is not a number', async () => {
    const error = await loadError(
      enriched({ movieId: '2', title: 'B (2001)', genres: 'Drama', tmdbId: '2', runtime: '1h 20m' }),
    );
    expect(error.message).toMatch(/movies_enriched\.csv:3: runtime: expected a number, got "1h 20m"$/);
  });

  it('an IMDb id without its tt', async () => {
    const row = full2023Row({ id: '5', title: 'E', imdbId: '0114709', genres: 'Drama', keywords: '' });
    const error = await loadError({ 'TMDB_movie_dataset_v11.csv': csv([FULL2023_HEADER, row], { quoteAll: true }) });
    expect(error.message).toMatch(
      /TMDB_movie_dataset_v11\.csv:2: imdb_id: expected an IMDb id like "tt0114709", got "0114709"$/,
    );
  });

  it('a full-2023 file cut inside a field other than the last', async () => {
    const body = `${csv([FULL2023_HEADER], { quoteAll: true })}"5","E","8.2","10","Released","2000-01-01","0","90","False","/e.jpg","0","","tt0000005","en","E","cut here`;
    const error = await loadError({ 'TMDB_movie_dataset_v11.csv': body });
    expect(error.message).toMatch(/TMDB_movie_dataset_v11\.csv:2: Invalid Record Length/);
  });

  it('any other file cut inside a quoted field', async () => {
    const body = `${csv([TOP10K_HEADER])}1,A,Drama,en,"cut here`;
    const error = await loadError({ 'top10K-TMDB-movies.csv': body });
    expect(error.message).toMatch(/top10K-TMDB-movies\.csv:2: Quote Not Closed/);
  });
});
