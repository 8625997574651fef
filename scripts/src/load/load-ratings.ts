/**
 * `load-ratings` and `sync-users`: ratings streamed from the data set in bounded batches and COPYed
 * into a staging table, their new MovieLens users created, then one merge into `ratings`. One
 * transaction: a bad line anywhere writes nothing.
 */
import type { Db } from '@movierec/functions/database';
import { movieIdsByMovieLensId } from '@movierec/functions/database';
import { createRatingStaging, mergeStagedRatings, stageRatings, type StagedRating } from '@movierec/functions/database';
import { refreshMovieRatingStats } from '@movierec/functions/database';
import { assertSingleRelease, recordDatasetLoad } from '@movierec/functions/database';
import { ensureMovieLensUsers, userIdsByMovieLensId } from '@movierec/functions/database';
import type { WriteCounts } from '@movierec/functions/database';
import { CodedError, DataFileError } from '@movierec/functions/core';
import type { MovieLensDataset, MovieLensRating } from '../movielens/types.js';
import { inBatches } from './batches.js';

const BATCH_SIZE = 20_000;

export interface LoadRatingsOptions {
  db: Db;
  dataset: MovieLensDataset;
  /** Load only these MovieLens users' ratings (sync-users). */
  onlyUsers?: ReadonlySet<number>;
  onProgress?: (linesRead: number, totalLines: number) => void;
}

export interface LoadRatingsReport {
  users: { inserted: number; total: number };
  ratings: WriteCounts;
}

async function* selected(
  ratings: AsyncIterable<MovieLensRating>,
  onlyUsers: ReadonlySet<number> | undefined,
  onRead: (n: number) => void,
) {
  let read = 0;
  for await (const rating of ratings) {
    read += 1;
    if (read % 10_000 === 0) onRead(read);
    if (!onlyUsers || onlyUsers.has(rating.userId)) yield rating;
  }
  onRead(read);
}

/**
 * The file's lines as staging rows, checked against the catalog. Users are not created here (the
 * connection is busy copying): their MovieLens ids go into `seenUsers`, in order of first line.
 */
async function* stagingBatches(
  dataset: MovieLensDataset,
  lines: AsyncIterable<MovieLensRating>,
  movieIds: ReadonlyMap<number, number>,
  seenUsers: Set<number>,
): AsyncGenerator<StagedRating[]> {
  for await (const batch of inBatches(lines, BATCH_SIZE)) {
    yield batch.map((r): StagedRating => {
      const movieId = movieIds.get(r.movieId);
      if (movieId === undefined)
        throw new DataFileError(
          dataset.files.ratings,
          r.line,
          `movie ${r.movieId} is not in the catalog (missing from the movies file?)`,
        );
      seenUsers.add(r.userId);
      return { line: r.line, movielensUserId: r.userId, movieId, rating: r.rating, ratedAt: r.timestamp };
    });
  }
}

/** Creates the users the file names that are not loaded yet, in bounded statements; returns how many. */
async function createUsers(trx: Db, seenUsers: Iterable<number>, known: ReadonlyMap<number, number>) {
  let inserted = 0;
  const newUsers = [...seenUsers].filter((id) => !known.has(id));
  for await (const batch of inBatches(newUsers, BATCH_SIZE))
    inserted += (await ensureMovieLensUsers(trx, batch)).inserted;
  return inserted;
}

export async function loadRatings(options: LoadRatingsOptions): Promise<LoadRatingsReport> {
  const { db, dataset, onlyUsers, onProgress } = options;
  return db.transaction().execute(async (trx) => {
    await assertSingleRelease(trx, dataset.variant);
    const movieIds = await movieIdsByMovieLensId(trx);
    if (movieIds.size === 0)
      throw new CodedError('conflict', 'no MovieLens movies are loaded yet: run `load-movies` first');
    const knownUsers = await userIdsByMovieLensId(trx);
    const seenUsers = new Set<number>();
    const lines = selected(dataset.ratings(), onlyUsers, (n) => onProgress?.(n, dataset.counts.ratings));
    await createRatingStaging(trx);
    await stageRatings(trx, stagingBatches(dataset, lines, movieIds, seenUsers));
    const usersInserted = await createUsers(trx, seenUsers, knownUsers);
    const ratings = await mergeStagedRatings(trx);
    const usersTotal = knownUsers.size + usersInserted;
    const step = onlyUsers ? 'sync-users' : 'ratings';
    await recordDatasetLoad(trx, {
      dataset: dataset.variant,
      step,
      source: dataset.dir,
      counts: { ...ratings, users: onlyUsers?.size ?? usersTotal },
    });
    // Top Rated and the seed movies read these figures; inside the transaction so both commit together.
    await refreshMovieRatingStats(trx);
    return { users: { inserted: usersInserted, total: usersTotal }, ratings };
  });
}

/** The `limit` users with the most ratings (ties: lower id first), counted in one streaming pass. */
export async function mostActiveUsers(dataset: MovieLensDataset, limit: number): Promise<Set<number>> {
  const counts = new Map<number, number>();
  for await (const rating of dataset.ratings()) counts.set(rating.userId, (counts.get(rating.userId) ?? 0) + 1);
  const ranked = [...counts].sort(([idA, a], [idB, b]) => b - a || idA - idB);
  return new Set(ranked.slice(0, limit).map(([id]) => id));
}
