/**
 * How long loading a MovieLens release takes on each database driver: a fresh database per run,
 * then load-movies and load-ratings, then both again (which must change nothing). Medians over runs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseDriver } from '@movierec/functions/config';
import { tableCounts } from '@movierec/functions/database';
import { createScratchDatabase } from '@movierec/functions/database';
import type { MovieLensDataset } from '../movielens/types.js';
import { loadMovies } from '../load/load-movies.js';
import { loadRatings } from '../load/load-ratings.js';
import type { MetadataCatalog } from '../load/metadata-catalog.js';
import { median, round2, rssSampler, toMb } from './results.js';

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, (performance.now() - started) / 1000];
}

async function oneRun(
  driver: DatabaseDriver,
  serverUrl: string,
  dataset: MovieLensDataset,
  metadata: MetadataCatalog | null,
) {
  // PGlite on disk, as `npm start` uses it; the servers get a throwaway database.
  const pgliteDir = driver === 'pglite' ? await mkdtemp(join(tmpdir(), 'movierec-bench-')) : undefined;
  const t = await createScratchDatabase(driver, { serverUrl, pgliteDir });
  try {
    const [movies, moviesSeconds] = await timed(() => loadMovies({ db: t.db, dataset, metadata }));
    const [ratings, ratingsSeconds] = await timed(() => loadRatings({ db: t.db, dataset }));
    const [again, againSeconds] = await timed(async () => ({
      movies: await loadMovies({ db: t.db, dataset, metadata }),
      ratings: await loadRatings({ db: t.db, dataset }),
    }));
    const unchanged =
      again.movies.movielens.inserted +
        again.movies.movielens.updated +
        again.ratings.ratings.inserted +
        again.ratings.ratings.updated ===
      0;
    return {
      counts: await tableCounts(t.db),
      moviesSeconds,
      ratingsSeconds,
      againSeconds,
      unchanged,
      written: { movies: movies.movielens, ratings: ratings.ratings },
    };
  } finally {
    await t.dispose();
    if (pgliteDir) await rm(pgliteDir, { recursive: true, force: true });
  }
}

export interface BenchLoadOptions {
  drivers: DatabaseDriver[];
  runs: number;
  /** The PostgreSQL server the postgres and neon runs create their throwaway databases on. */
  serverUrl: string;
}

export async function benchLoad(
  { drivers, runs, serverUrl }: BenchLoadOptions,
  dataset: MovieLensDataset,
  metadata: MetadataCatalog | null,
  log: (m: string) => void,
) {
  const results: Record<string, unknown> = {};
  for (const driver of drivers) {
    const sampler = rssSampler();
    const samples = [];
    for (let run = 1; run <= runs; run++) {
      log(`${driver}: run ${run}/${runs}…`);
      samples.push(await oneRun(driver, serverUrl, dataset, metadata));
    }
    const last = samples.at(-1);
    results[driver] = {
      runs,
      medianFirstLoadSeconds: round2(median(samples.map((s) => s.moviesSeconds + s.ratingsSeconds))),
      medianMoviesSeconds: round2(median(samples.map((s) => s.moviesSeconds))),
      medianRatingsSeconds: round2(median(samples.map((s) => s.ratingsSeconds))),
      medianSecondRunSeconds: round2(median(samples.map((s) => s.againSeconds))),
      secondRunChangedNothing: samples.every((s) => s.unchanged),
      counts: last?.counts,
      peakRssMb: toMb(sampler.stop()),
    };
  }
  return { variant: dataset.variant, metadata: metadata !== null, drivers: results };
}
