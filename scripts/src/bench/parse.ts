/**
 * Memory and speed of the CSV ratings parser on a synthetic file of ML-32M's shape (written once,
 * seeded, then reused). `items` times readRatings (one await per rating, what dataset.ratings()
 * gives), `batches` times readRatingBatches.
 */
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFile } from '../movielens/layout.js';
import { readRatingBatches, readRatings } from '../movielens/ratings.js';
import { writeSyntheticRatings } from '../movielens/synthetic.js';
import { round2, rssSampler, toMb } from './results.js';

export interface BenchParseOptions {
  lines: number;
  users: number;
  movies: number;
  seed: number;
  path?: string;
  mode: 'items' | 'batches';
}

/** Sums ratings so the loop does real work with every record. */
async function parse(path: string, mode: BenchParseOptions['mode']): Promise<{ lines: number; ratingSum: number }> {
  let lines = 0;
  let ratingSum = 0;
  if (mode === 'items') {
    for await (const r of readRatings(path, 'csv')) {
      lines += 1;
      ratingSum += r.rating;
    }
  } else {
    for await (const batch of readRatingBatches(path, 'csv')) {
      lines += batch.length;
      for (const r of batch) ratingSum += r.rating;
    }
  }
  return { lines, ratingSum };
}

export async function benchParse(options: BenchParseOptions, log: (message: string) => void) {
  const { lines: ratings, users, movies, seed, mode } = options;
  const path = options.path ?? join(tmpdir(), `movierec-bench-ratings-${ratings}-${users}-${movies}-${seed}.csv`);
  let generatedSeconds: number | null = null;
  if (!(await isFile(path))) {
    const started = performance.now();
    log(`writing ${ratings.toLocaleString('en-US')} synthetic ratings to ${path}…`);
    await writeSyntheticRatings({ path, users, movies, ratings, seed });
    generatedSeconds = round2((performance.now() - started) / 1000);
  }
  const sampler = rssSampler();
  const started = performance.now();
  const { lines, ratingSum } = await parse(path, mode);
  const elapsed = (performance.now() - started) / 1000;
  return {
    mode,
    file: path,
    bytes: (await stat(path)).size,
    lines,
    ratingSum,
    elapsedSeconds: round2(elapsed),
    linesPerSecond: Math.round(lines / elapsed),
    peakRssMb: toMb(sampler.stop()),
    generatedSeconds,
  };
}
