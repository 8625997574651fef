import { CodedError } from '@movierec/functions/core';
import type { DatasetLayout } from './layout.js';
import { readCsvLinks } from './movies-csv.js';
import { readUnlinkedMovies } from './movies.js';
import { readRatingBatches } from './ratings.js';
import type { MovieLensVariant, RowCounts } from './types.js';
import { VARIANTS } from './variants.js';

/**
 * One streaming pass over every file: parsing checks headers and each record, and counts come out
 * of it. `onRatings` hears the running count of ratings, the only part that takes long.
 */
export async function countRecords(layout: DatasetLayout, onRatings?: (done: number) => void): Promise<RowCounts> {
  let movies = 0;
  for await (const _movie of readUnlinkedMovies(layout)) movies += 1;
  const links = layout.files.links ? (await readCsvLinks(layout.files.links)).size : null;
  const users = new Set<number>();
  let ratings = 0;
  let lastUser = 0;
  for await (const batch of readRatingBatches(layout.files.ratings, layout.format)) {
    for (const { userId } of batch) {
      // Releases group ratings by user, so this skips almost every Set lookup.
      if (userId !== lastUser) users.add(userId);
      lastUser = userId;
    }
    ratings += batch.length;
    onRatings?.(ratings);
  }
  return { movies, ratings, users: users.size, links };
}

const KEYS = ['movies', 'ratings', 'users'] as const;

/** Fails when a release with fixed counts (all but ml-latest) does not have them. */
export function checkKnownCounts(variant: MovieLensVariant, counts: RowCounts, from: string): void {
  const known = VARIANTS[variant].counts;
  if (!known) return;
  const wrong = KEYS.filter((key) => counts[key] !== known[key]);
  if (wrong.length === 0) return;
  const found = wrong.map((key) => `${format(counts[key])} ${key} (expected ${format(known[key])})`).join(', ');
  throw new CodedError(
    'unprocessable',
    `${from} does not match ${variant}: found ${found}. Is it a different MovieLens release, or incomplete?`,
  );
}

function format(n: number): string {
  return n.toLocaleString('en-US');
}
