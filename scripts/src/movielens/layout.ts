import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CodedError } from '@movierec/functions/core';
import type { MovieLensDataset, MovieLensFormat } from './types.js';

export interface DatasetLayout {
  format: MovieLensFormat;
  files: MovieLensDataset['files'];
  /** ml-100k's u.genre (order of the genre flags), when present. */
  genreOrder: string | null;
}

interface FormatFiles {
  movies: string;
  ratings: string;
  /** Optional: only the CSV releases link to IMDb and TMDB. */
  links: string | null;
  genreOrder: string | null;
}

const FORMAT_FILES: Record<MovieLensFormat, FormatFiles> = {
  csv: { movies: 'movies.csv', ratings: 'ratings.csv', links: 'links.csv', genreOrder: null },
  dat: { movies: 'movies.dat', ratings: 'ratings.dat', links: null, genreOrder: null },
  '100k': { movies: 'u.item', ratings: 'u.data', links: null, genreOrder: 'u.genre' },
};

export const EXPECTED_FILES = 'movies.csv + ratings.csv, movies.dat + ratings.dat (ml-1m) or u.item + u.data (ml-100k)';

/**
 * Which format `dir` holds, judged by the files present; `preferred` (the variant's own format) is
 * tried first. Null when no format's files are there; an error when only some of one format's are.
 */
export async function detectLayout(dir: string, preferred: MovieLensFormat): Promise<DatasetLayout | null> {
  const formats = [preferred, ...(Object.keys(FORMAT_FILES) as MovieLensFormat[]).filter((f) => f !== preferred)];
  for (const format of formats) {
    const names = FORMAT_FILES[format];
    const movies = join(dir, names.movies);
    const ratings = join(dir, names.ratings);
    const [hasMovies, hasRatings] = await Promise.all([isFile(movies), isFile(ratings)]);
    if (hasMovies && hasRatings) return layoutOf(dir, format, movies, ratings);
    if (hasMovies || hasRatings) {
      const missing = hasMovies ? names.ratings : names.movies;
      const needs = `the ${format} format needs ${names.movies} and ${names.ratings}`;
      throw new CodedError('invalid_input', `${dir}: ${missing} is missing (${needs})`);
    }
  }
  return null;
}

async function layoutOf(dir: string, format: MovieLensFormat, movies: string, ratings: string): Promise<DatasetLayout> {
  const names = FORMAT_FILES[format];
  return {
    format,
    files: { movies, ratings, links: await optionalFile(dir, names.links) },
    genreOrder: await optionalFile(dir, names.genreOrder),
  };
}

async function optionalFile(dir: string, name: string | null): Promise<string | null> {
  if (name === null) return null;
  const path = join(dir, name);
  return (await isFile(path)) ? path : null;
}

export async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

export async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
