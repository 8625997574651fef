/**
 * `load-ratings` and `sync-users`: ratings streamed from the data set in bounded batches, creating
 * their MovieLens users. One transaction: a bad line anywhere writes nothing.
 */
import type { Db } from '@movierec/functions/database';
import { movieIdsByMovieLensId } from '@movierec/functions/database';
import { upsertRatings, type RatingWrite } from '@movierec/functions/database';
import { refreshMovieRatingStats } from '@movierec/functions/database';
import { assertSingleRelease, recordDatasetLoad } from '@movierec/functions/database';
import { ensureMovieLensUsers, userIdsByMovieLensId } from '@movierec/functions/database';
import { addCounts, NO_WRITES, type WriteCounts } from '@movierec/functions/database';
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

/** A pair may repeat in a file; within one statement it may not, so the later line wins. */
function lastPerPair(batch: RatingWrite[]): RatingWrite[] {
  const byPair = new Map<string, RatingWrite>();
  for (const rating of batch) byPair.set(`${rating.userId}:${rating.movieId}`, rating);
  return byPair.size === batch.length ? batch : [...byPair.values()];
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

export async function loadRatings(options: LoadRatingsOptions): Promise<LoadRatingsReport> {
  const { db, dataset, onlyUsers, onProgress } = options;
  return db.transaction().execute(async (trx) => {
    await assertSingleRelease(trx, dataset.variant);
    const movieIds = await movieIdsByMovieLensId(trx);
    if (movieIds.size === 0)
      throw new CodedError('conflict', 'no MovieLens movies are loaded yet: run `load-movies` first');
    const userIds = await userIdsByMovieLensId(trx);
    let ratings = NO_WRITES;
    let usersInserted = 0;
    const lines = selected(dataset.ratings(), onlyUsers, (n) => onProgress?.(n, dataset.counts.ratings));
    for await (const batch of inBatches(lines, BATCH_SIZE)) {
      const newUsers = [...new Set(batch.map((r) => r.userId).filter((id) => !userIds.has(id)))];
      const created = await ensureMovieLensUsers(trx, newUsers);
      created.ids.forEach((id, movielensId) => userIds.set(movielensId, id));
      usersInserted += created.inserted;
      const writes = batch.map((r): RatingWrite => {
        const movieId = movieIds.get(r.movieId);
        if (movieId === undefined)
          throw new DataFileError(
            dataset.files.ratings,
            r.line,
            `movie ${r.movieId} is not in the catalog (missing from the movies file?)`,
          );
        return { userId: userIds.get(r.userId) as number, movieId, rating: r.rating, ratedAt: r.timestamp };
      });
      ratings = addCounts(ratings, await upsertRatings(trx, lastPerPair(writes)));
    }
    const step = onlyUsers ? 'sync-users' : 'ratings';
    await recordDatasetLoad(trx, {
      dataset: dataset.variant,
      step,
      source: dataset.dir,
      counts: { ...ratings, users: onlyUsers?.size ?? userIds.size },
    });
    // Top Rated and the seed movies read these figures; inside the transaction so both commit together.
    await refreshMovieRatingStats(trx);
    return { users: { inserted: usersInserted, total: userIds.size }, ratings };
  });
}

/** The `limit` users with the most ratings (ties: lower id first), counted in one streaming pass. */
export async function mostActiveUsers(dataset: MovieLensDataset, limit: number): Promise<Set<number>> {
  const counts = new Map<number, number>();
  for await (const rating of dataset.ratings()) counts.set(rating.userId, (counts.get(rating.userId) ?? 0) + 1);
  const ranked = [...counts].sort(([idA, a], [idB, b]) => b - a || idA - idB);
  return new Set(ranked.slice(0, limit).map(([id]) => id));
}
