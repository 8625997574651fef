/**
 * Readers for the four movie files: Kaggle TMDB 5000, "Top 10000 popular movies (TMDB)", the TMDB
 * API output for ml-latest-small (movies_enriched.csv) and the top of the Full TMDB 2023 data set.
 * Each yields rows of one shape; what a file lacks is null.
 */
import { displayTitle } from '../../core/catalog/catalog-movie.js';
import { canonicalGenres } from '../../core/catalog/genres.js';
import { parseTitle } from '../../core/catalog/movielens-title.js';
import type { CsvRow } from './csv.js';
import { readCsv } from './csv.js';
import {
  commaList,
  distinctLabels,
  optionalCount,
  optionalImagePath,
  optionalImdbId,
  optionalNumber,
  optionalPositiveInt,
  optionalRuntime,
  positiveInt,
  requiredText,
  text,
  yearOf,
} from './fields.js';
import type { SnapshotMovieRow } from './types.js';

const TMDB5000_COLUMNS = [
  'id',
  'title',
  'original_title',
  'genres',
  'keywords',
  'overview',
  'tagline',
  'runtime',
  'release_date',
  'vote_average',
  'vote_count',
  'popularity',
] as const;

const TOP10K_COLUMNS = [
  'id',
  'title',
  'genre',
  'overview',
  'release_date',
  'vote_average',
  'vote_count',
  'popularity',
] as const;

const ENRICHED_COLUMNS = [
  'title',
  'genres',
  'tmdbId',
  'overview',
  'poster_path',
  'vote_average',
  'vote_count',
  'popularity',
  'release_date',
  'runtime',
] as const;

const FULL2023_COLUMNS = [
  'id',
  'title',
  'original_title',
  'imdb_id',
  'genres',
  'keywords',
  'overview',
  'tagline',
  'runtime',
  'release_date',
  'vote_average',
  'vote_count',
  'popularity',
  'poster_path',
  'backdrop_path',
] as const;

/** What none of the files has unless it says otherwise. */
const ABSENT = {
  imdbId: null,
  originalTitle: null,
  tagline: null,
  runtime: null,
  posterPath: null,
  backdropPath: null,
  keywords: [],
} satisfies Partial<SnapshotMovieRow>;

type VoteColumns = 'vote_average' | 'vote_count' | 'popularity';

function votes<C extends string>(
  row: CsvRow<C | VoteColumns>,
): Pick<SnapshotMovieRow, 'voteAverage' | 'voteCount' | 'popularity'> {
  return {
    voteAverage: optionalNumber(row, 'vote_average'),
    voteCount: optionalCount(row, 'vote_count'),
    popularity: optionalNumber(row, 'popularity'),
  };
}

/** The `name`s of a JSON array of `{"id": .., "name": ..}` objects, as tmdb-5000 stores genres and keywords. */
function jsonNames<C extends string>(row: CsvRow<C>, column: C): string[] {
  const raw = row.get(column).trim();
  if (raw === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw row.error(`${column}: not a JSON array (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw row.error(`${column}: expected a JSON array`);
  return parsed.map((item: unknown, i) => {
    const name = typeof item === 'object' && item !== null ? (item as { name?: unknown }).name : undefined;
    if (typeof name !== 'string') throw row.error(`${column}[${i}]: expected an object with a string "name"`);
    return name;
  });
}

export async function readTmdb5000(file: string): Promise<SnapshotMovieRow[]> {
  const rows = await readCsv(file, TMDB5000_COLUMNS);
  return rows.map((row) => ({
    ...ABSENT,
    tmdbId: positiveInt(row, 'id'),
    title: requiredText(row, 'title'),
    originalTitle: text(row.get('original_title')),
    year: yearOf(row, 'release_date'),
    genres: canonicalGenres(jsonNames(row, 'genres')),
    overview: text(row.get('overview')),
    tagline: text(row.get('tagline')),
    runtime: optionalRuntime(row, 'runtime'),
    ...votes(row),
    keywords: distinctLabels(jsonNames(row, 'keywords')),
  }));
}

export async function readTop10k(file: string): Promise<SnapshotMovieRow[]> {
  const rows = await readCsv(file, TOP10K_COLUMNS);
  return rows.map((row) => ({
    ...ABSENT,
    tmdbId: positiveInt(row, 'id'),
    title: requiredText(row, 'title'),
    year: yearOf(row, 'release_date'),
    genres: canonicalGenres(commaList(row, 'genre')),
    overview: text(row.get('overview')),
    ...votes(row),
  }));
}

/**
 * movies_enriched.csv: one row per ml-latest-small movie, with MovieLens' title ("Matrix, The
 * (1999)", shown as "The Matrix") and genres, and TMDB's fields for its tmdbId. Rows without a
 * tmdbId have nothing to join on and are skipped.
 */
export async function readEnriched(file: string): Promise<{ rows: SnapshotMovieRow[]; records: number }> {
  const records = await readCsv(file, ENRICHED_COLUMNS);
  const rows = records.flatMap((row) => {
    const tmdbId = optionalPositiveInt(row, 'tmdbId');
    if (tmdbId === null) return [];
    const movielens = parseTitle(requiredText(row, 'title'));
    return [
      {
        ...ABSENT,
        tmdbId,
        title: displayTitle(movielens.title),
        year: yearOf(row, 'release_date') ?? movielens.year,
        genres: canonicalGenres(row.get('genres').split('|')),
        overview: text(row.get('overview')),
        runtime: optionalRuntime(row, 'runtime'),
        posterPath: optionalImagePath(row, 'poster_path'),
        ...votes(row),
      },
    ];
  });
  return { rows, records: records.length };
}

/**
 * Keywords of a full-2023 row. The shared trimmed copy ends in the middle of its last row's
 * keywords ("…, drug dealing, dr"), so a cut row drops its last, partial, keyword.
 */
function full2023Keywords(row: CsvRow<(typeof FULL2023_COLUMNS)[number]>): string[] {
  const keywords = commaList(row, 'keywords');
  return distinctLabels(row.cut ? keywords.slice(0, -1) : keywords);
}

/** TMDB_movie_dataset_v11.csv: genres and keywords as comma-separated names, the only backdrops. */
export async function readFull2023(file: string): Promise<SnapshotMovieRow[]> {
  const rows = await readCsv(file, FULL2023_COLUMNS, { cutLastColumn: 'keywords' });
  return rows.map((row) => ({
    tmdbId: positiveInt(row, 'id'),
    imdbId: optionalImdbId(row, 'imdb_id'),
    title: requiredText(row, 'title'),
    originalTitle: text(row.get('original_title')),
    year: yearOf(row, 'release_date'),
    genres: canonicalGenres(commaList(row, 'genres')),
    overview: text(row.get('overview')),
    tagline: text(row.get('tagline')),
    runtime: optionalRuntime(row, 'runtime'),
    posterPath: optionalImagePath(row, 'poster_path'),
    backdropPath: optionalImagePath(row, 'backdrop_path'),
    ...votes(row),
    keywords: full2023Keywords(row),
  }));
}
