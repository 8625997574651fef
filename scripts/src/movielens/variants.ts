import type { MovieLensFormat, MovieLensVariant, RowCounts } from './types.js';

export interface VariantInfo {
  variant: MovieLensVariant;
  /** Official GroupLens download. */
  url: string;
  /** Whether GroupLens publishes `<url>.md5`; when it does, a download must match it. */
  md5Published: boolean;
  format: MovieLensFormat;
  /** Folder the official zip puts its files in. */
  zipFolder: string;
  /** Exact record counts of the release, or null when it changes over time (ml-latest). */
  counts: Omit<RowCounts, 'links'> | null;
}

const BASE_URL = 'https://files.grouplens.org/datasets/movielens';

function info(
  variant: MovieLensVariant,
  format: MovieLensFormat,
  md5Published: boolean,
  counts: VariantInfo['counts'],
): VariantInfo {
  return { variant, url: `${BASE_URL}/${variant}.zip`, md5Published, format, zipFolder: variant, counts };
}

export const VARIANTS: Readonly<Record<MovieLensVariant, VariantInfo>> = {
  'ml-latest-small': info('ml-latest-small', 'csv', true, { movies: 9_742, ratings: 100_836, users: 610 }),
  'ml-100k': info('ml-100k', '100k', false, { movies: 1_682, ratings: 100_000, users: 943 }),
  'ml-1m': info('ml-1m', 'dat', false, { movies: 3_883, ratings: 1_000_209, users: 6_040 }),
  'ml-25m': info('ml-25m', 'csv', true, { movies: 62_423, ratings: 25_000_095, users: 162_541 }),
  'ml-32m': info('ml-32m', 'csv', true, { movies: 87_585, ratings: 32_000_204, users: 200_948 }),
  'ml-latest': info('ml-latest', 'csv', true, null),
};
