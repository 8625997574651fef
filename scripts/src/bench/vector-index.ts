/**
 * Latency of the embedded vector index: builds it in a temporary folder (from MODEL_DIR's
 * movie_embeddings.npy when present, else a synthetic catalog of seeded random unit vectors), loads
 * it, then times user-like queries of three kinds: plain, with a genre filter, and with 50
 * exclusions. A user-like query is the normalized mean of 50 catalog vectors (a history), and the
 * exclusions are those 50 movies, as the recommender sends them.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CANONICAL_GENRES } from '@movierec/functions/core';
import type { MoviePoint, VectorIndex, VectorQuery } from '@movierec/functions/core';
import { readMovieEmbeddings, readMovieEmbeddingsHeader } from '@movierec/functions/data-sources';
import { createEmbeddedIndexWriter, loadEmbeddedIndex } from '@movierec/functions/data-sources';
import { mulberry32 } from '../movielens/synthetic.js';
import { median, round2, rssSampler, toMb } from './results.js';

export interface BenchVectorIndexOptions {
  /** A synthetic catalog of this many points instead of the model's embeddings. */
  points?: number;
  queries: number;
  limit: number;
  seed: number;
  modelDir: string;
}

/** ml-latest-small's catalog, rounded up: the synthetic default when no model export is there. */
const DEFAULT_SYNTHETIC_POINTS = 15_000;
const DIMENSION = 128;
const HISTORY = 50;
const BATCH = 4096;
const WARMUP = 100;

type Catalog = { source: string; count: number; batches: () => AsyncGenerator<MoviePoint[]> };

function gaussianUnit(next: () => number, dimension: number): Float32Array {
  const v = Float32Array.from(
    { length: dimension },
    () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
  );
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

/** One to three genres per movie: movie_embeddings.npy carries none, so both catalogs draw them. */
const drawGenres = (next: () => number) => CANONICAL_GENRES.filter(() => next() < 0.12).slice(0, 3);

function syntheticCatalog(count: number, seed: number): Catalog {
  return {
    source: `synthetic: ${count} seeded random unit vectors`,
    count,
    async *batches() {
      const next = mulberry32(seed);
      for (let start = 0; start < count; start += BATCH) {
        yield Array.from({ length: Math.min(BATCH, count - start) }, (_, i) => ({
          movieId: start + i + 1,
          tmdbId: null,
          genres: drawGenres(next),
          year: null,
          recommendable: true,
          source: 'two_tower' as const,
          vector: gaussianUnit(next, DIMENSION),
        }));
      }
    },
  };
}

async function embeddingsCatalog(path: string, seed: number): Promise<Catalog> {
  const { count } = await readMovieEmbeddingsHeader(path);
  return {
    source: `${path} (genres drawn at random: the file has none)`,
    count,
    async *batches() {
      const next = mulberry32(seed);
      for await (const batch of readMovieEmbeddings(path, { batchSize: BATCH })) {
        yield batch.map((record) => ({ ...record, genres: drawGenres(next), year: null, recommendable: true }));
      }
    },
  };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

function percentile(sortedMs: number[], q: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor(q * sortedMs.length))] as number;
}

/** Runs every query once (after a warm-up) and reports p50/p99 latency and throughput. */
async function timeQueries(index: VectorIndex, queries: VectorQuery[]) {
  for (const query of queries.slice(0, WARMUP)) await index.search(query);
  const latencies: number[] = [];
  const started = performance.now();
  for (const query of queries) {
    const t = performance.now();
    await index.search(query);
    latencies.push(performance.now() - t);
  }
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    p50Ms: round3(median(sorted)),
    p99Ms: round3(percentile(sorted, 0.99)),
    queriesPerSecond: Math.round(queries.length / seconds),
  };
}

/** User-like queries: a history of catalog movies, its mean direction, and what a user would filter. */
async function userQueries(index: VectorIndex, movieIds: number[], options: BenchVectorIndexOptions) {
  const next = mulberry32(options.seed + 1);
  const plain: VectorQuery[] = [];
  const genre: VectorQuery[] = [];
  const exclusions: VectorQuery[] = [];
  for (let q = 0; q < options.queries; q++) {
    const history = Array.from({ length: HISTORY }, () => movieIds[Math.floor(next() * movieIds.length)] as number);
    const vectors = [...(await index.vectors(history)).values()];
    const mean = new Float32Array(DIMENSION);
    for (const v of vectors) v.forEach((x, d) => (mean[d] = (mean[d] as number) + x));
    const norm = Math.hypot(...mean) || 1;
    const vector = mean.map((x) => x / norm);
    plain.push({ vector, limit: options.limit });
    genre.push({
      vector,
      limit: options.limit,
      genres: [CANONICAL_GENRES[Math.floor(next() * CANONICAL_GENRES.length)] as string],
    });
    exclusions.push({ vector, limit: options.limit, excludeMovieIds: history });
  }
  return { plain, genre, exclusions };
}

export async function benchVectorIndex(options: BenchVectorIndexOptions, log: (message: string) => void) {
  const embeddings = join(options.modelDir, 'movie_embeddings.npy');
  const catalog =
    options.points === undefined && existsSync(embeddings)
      ? await embeddingsCatalog(embeddings, options.seed)
      : syntheticCatalog(options.points ?? DEFAULT_SYNTHETIC_POINTS, options.seed);
  log(`catalog: ${catalog.source}, ${catalog.count} points`);
  const dir = await mkdtemp(join(tmpdir(), 'movierec-bench-index-'));
  const sampler = rssSampler();
  try {
    let started = performance.now();
    const writer = createEmbeddedIndexWriter(dir);
    const movieIds: number[] = [];
    let dimension: number | null = null;
    for await (const batch of catalog.batches()) {
      if (dimension === null) await writer.prepare((dimension = batch[0]?.vector.length ?? DIMENSION));
      await writer.upsert(batch);
      movieIds.push(...batch.map((p) => p.movieId));
    }
    await writer.finish();
    const buildSeconds = round2((performance.now() - started) / 1000);
    log(`built in ${buildSeconds} s; loading…`);
    started = performance.now();
    const index = await loadEmbeddedIndex(dir);
    const loadSeconds = round2((performance.now() - started) / 1000);
    log(`loaded in ${loadSeconds} s; timing ${options.queries} queries of each kind…`);
    const queries = await userQueries(index, movieIds, options);
    const kinds = {
      plain: await timeQueries(index, queries.plain),
      genre: await timeQueries(index, queries.genre),
      exclusions: await timeQueries(index, queries.exclusions),
    };
    return {
      catalog: catalog.source,
      points: index.points,
      dimension: index.dimension,
      queriesPerKind: options.queries,
      limit: options.limit,
      buildSeconds,
      loadSeconds,
      ...kinds,
      peakRssMb: toMb(sampler.stop()),
    };
  } finally {
    sampler.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
