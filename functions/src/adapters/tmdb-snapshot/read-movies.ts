/** Readers for the two movie files: Kaggle TMDB 5000 and "Top 10000 popular movies (TMDB)". */
import { canonicalGenres } from '../../core/catalog/genres.js';
import type { CsvRow } from './csv.js';
import { readCsv } from './csv.js';
import {
  distinctLabels,
  optionalCount,
  optionalNumber,
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
    tmdbId: positiveInt(row, 'id'),
    title: requiredText(row, 'title'),
    originalTitle: text(row.get('original_title')),
    year: yearOf(row, 'release_date'),
    genres: canonicalGenres(jsonNames(row, 'genres')),
    overview: text(row.get('overview')),
    tagline: text(row.get('tagline')),
    runtime: optionalRuntime(row, 'runtime'),
    voteAverage: optionalNumber(row, 'vote_average'),
    voteCount: optionalCount(row, 'vote_count'),
    popularity: optionalNumber(row, 'popularity'),
    keywords: distinctLabels(jsonNames(row, 'keywords')),
  }));
}

export async function readTop10k(file: string): Promise<SnapshotMovieRow[]> {
  const rows = await readCsv(file, TOP10K_COLUMNS);
  return rows.map((row) => ({
    tmdbId: positiveInt(row, 'id'),
    title: requiredText(row, 'title'),
    originalTitle: null,
    year: yearOf(row, 'release_date'),
    genres: canonicalGenres(row.get('genre').split(',')),
    overview: text(row.get('overview')),
    tagline: null,
    runtime: null,
    voteAverage: optionalNumber(row, 'vote_average'),
    voteCount: optionalCount(row, 'vote_count'),
    popularity: optionalNumber(row, 'popularity'),
    keywords: [],
  }));
}
