/**
 * `export-training`: the database's movies and ratings as a training snapshot for tf-serving/
 * (layout documented in tf-serving/movierec_model/data.py). One repeatable-read transaction, so the
 * files agree with each other even while the app keeps taking ratings.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import type { Db } from '@movierec/functions/database';
import { ratingsInUserTimeOrder } from '@movierec/functions/database';
import { tableCounts } from '@movierec/functions/database';
import { CodedError } from '@movierec/functions/core';
import { openNpyWriter, type NpyField } from './npy.js';

export const SNAPSHOT_FORMAT = 1;

const RATING_FIELDS: NpyField[] = [
  { name: 'user_id', type: '<i4' },
  { name: 'movie_id', type: '<i4' },
  { name: 'rating', type: '<f4' },
  { name: 'rated_at', type: '<i8' },
];

async function writeMovies(db: Db, path: string): Promise<number> {
  const movies = await db
    .selectFrom('movies')
    .select([
      'id',
      'movielens_id',
      'tmdb_id',
      'title',
      'year',
      'genres',
      'overview',
      'tagline',
      'keywords',
      'vote_count',
      'vote_average',
    ])
    .orderBy('id')
    .execute();
  const out = createWriteStream(path);
  for (const movie of movies) out.write(`${JSON.stringify(movie)}\n`);
  out.end();
  await finished(out);
  return movies.length;
}

async function writeRatings(
  db: Db,
  path: string,
  total: number,
  onProgress?: (done: number, total: number) => void,
): Promise<Set<number>> {
  const writer = await openNpyWriter(path, RATING_FIELDS, total);
  const users = new Set<number>();
  let done = 0;
  for await (const page of ratingsInUserTimeOrder(db)) {
    await writer.write(page, (view, offset, r) => {
      view.setInt32(offset, r.userId, true);
      view.setInt32(offset + 4, r.movieId, true);
      view.setFloat32(offset + 8, r.rating, true);
      view.setBigInt64(offset + 12, BigInt(Math.round(r.ratedAt)), true);
      users.add(r.userId);
    });
    done += page.length;
    onProgress?.(done, total);
  }
  await writer.close();
  return users;
}

export interface ExportedSnapshot {
  dir: string;
  counts: { movies: number; ratings: number; users: number };
}

/** Writes the snapshot into `dir` (replacing it only once complete). */
export async function exportTrainingSnapshot(
  db: Db,
  dir: string,
  variant: string,
  onProgress?: (done: number, total: number) => void,
): Promise<ExportedSnapshot> {
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const counts = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const { ratings } = await tableCounts(trx);
      if (ratings === 0)
        throw new CodedError('conflict', 'the database has no ratings yet: run `load-movies` and `load-ratings` first');
      const movies = await writeMovies(trx, join(partial, 'movies.jsonl'));
      const users = await writeRatings(trx, join(partial, 'ratings.npy'), ratings, onProgress);
      return { movies, ratings, users: users.size };
    });
  const manifest = { format: SNAPSHOT_FORMAT, variant, created_at: new Date().toISOString(), counts };
  await writeFile(join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await rm(dir, { recursive: true, force: true });
  await rename(partial, dir);
  return { dir, counts };
}
