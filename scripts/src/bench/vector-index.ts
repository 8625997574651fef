/**
 * Latency of the embedded vector index: builds it in a temporary folder (from MODEL_DIR's
 * movie_embeddings.npy when present, else the seeded clustered catalog of synthetic-catalog.ts),
 * loads it, then times two kinds of query, each plain, with a genre filter and with exclusions:
 * - similar: a catalog movie's own vector, excluding that movie (Similar, "Because you watched");
 * - user: the normalized mean of a 50-movie history (over three tastes on the synthetic catalog,
 *   50 random movies on the model's), excluding those 50 movies, as the recommender sends them.
 * With the graph, each kind also gets its recall@10 against the exact scan of the same folder.
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
import { syntheticCatalog as clusteredCatalog } from './synthetic-catalog.js';
import { median, round2, rssSampler, toMb } from './results.js';

export const INDEX_LIBRARIES = ['usearch', 'exact'] as const;

export interface BenchVectorIndexOptions {
  /** usearch: the HNSW graph whatever the size; exact: the scan only; default: the graph from GRAPH_MIN_POINTS on. */
  library?: (typeof INDEX_LIBRARIES)[number];
  /** Queries of each kind whose top 10 is compared with the exact scan's. */
  recallQueries: number;
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
const RECALL_AT = 10;

/** How the bench draws queries from a catalog: a movie's vector, or a 50-movie history. */
interface QuerySource {
  similar(next: () => number): Promise<{ vector: Float32Array; movieId: number }>;
  user(next: () => number): Promise<{ vector: Float32Array; history: number[] }>;
}

type Catalog = { source: string; count: number; batches: () => AsyncGenerator<MoviePoint[]> };

/** One to three genres per movie: movie_embeddings.npy carries none, so the bench draws them. */
const drawGenres = (next: () => number) => CANONICAL_GENRES.filter(() => next() < 0.12).slice(0, 3);

function normalizedMean(vectors: Iterable<Float32Array>): Float32Array {
  const mean = new Float32Array(DIMENSION);
  for (const v of vectors) v.forEach((x, d) => (mean[d] = (mean[d] as number) + x));
  const norm = Math.hypot(...mean) || 1;
  return mean.map((x) => x / norm);
}

function syntheticCatalog(count: number, seed: number): Catalog & { queries: QuerySource } {
  const catalog = clusteredCatalog({ points: count, seed, dimension: DIMENSION });
  return {
    source: `synthetic: ${count} seeded clustered unit vectors (${catalog.clusters} clusters, ${catalog.collaborative} two-tower)`,
    count,
    async *batches() {
      yield* catalog.batches(BATCH);
    },
    queries: {
      similar: async (next) => catalog.similarQuery(next),
      user: async (next) => catalog.userQuery(next),
    },
  };
}

/** Queries over an index whose clusters are unknown: random movies, random 50-movie histories. */
function randomQueries(index: VectorIndex, movieIds: number[]): QuerySource {
  const draw = (next: () => number) => movieIds[Math.floor(next() * movieIds.length)] as number;
  return {
    async similar(next) {
      const movieId = draw(next);
      return { vector: (await index.vectors([movieId])).get(movieId) as Float32Array, movieId };
    },
    async user(next) {
      const history = Array.from({ length: HISTORY }, () => draw(next));
      return { vector: normalizedMean((await index.vectors(history)).values()), history };
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

/** Share of the exact top 10 that `index` finds, over the first `count` queries. */
async function recallAt10(index: VectorIndex, exact: VectorIndex, queries: VectorQuery[], count: number) {
  let found = 0;
  let expected = 0;
  for (const query of queries.slice(0, count)) {
    const top = { ...query, limit: RECALL_AT };
    const truth = new Set((await exact.search(top)).map((hit) => hit.movieId));
    found += (await index.search(top)).filter((hit) => truth.has(hit.movieId)).length;
    expected += truth.size;
  }
  return expected === 0 ? 1 : round3(found / expected);
}

/** Both kinds of query, each plain, with one genre, and with what the recommender leaves out. */
async function drawQueries(source: QuerySource, options: BenchVectorIndexOptions) {
  const next = mulberry32(options.seed + 1);
  const genre = () => [CANONICAL_GENRES[Math.floor(next() * CANONICAL_GENRES.length)] as string];
  const none = (): VectorQuery[] => [];
  const kinds = { similar: none(), similarGenre: none(), user: none(), userGenre: none(), userExclusions: none() };
  const limit = options.limit;
  for (let q = 0; q < options.queries; q++) {
    const movie = await source.similar(next);
    kinds.similar.push({ vector: movie.vector, limit, excludeMovieIds: [movie.movieId] });
    kinds.similarGenre.push({ vector: movie.vector, limit, excludeMovieIds: [movie.movieId], genres: genre() });
    const user = await source.user(next);
    const userQuery = { vector: user.vector, limit, kind: 'user' } as const;
    kinds.user.push(userQuery);
    kinds.userGenre.push({ ...userQuery, genres: genre() });
    kinds.userExclusions.push({ ...userQuery, excludeMovieIds: user.history });
  }
  return kinds;
}

export async function benchVectorIndex(options: BenchVectorIndexOptions, log: (message: string) => void) {
  const embeddings = join(options.modelDir, 'movie_embeddings.npy');
  const catalog: Catalog & { queries?: QuerySource } =
    options.points === undefined && existsSync(embeddings)
      ? await embeddingsCatalog(embeddings, options.seed)
      : syntheticCatalog(options.points ?? DEFAULT_SYNTHETIC_POINTS, options.seed);
  log(`catalog: ${catalog.source}, ${catalog.count} points`);
  const dir = await mkdtemp(join(tmpdir(), 'movierec-bench-index-'));
  const sampler = rssSampler();
  try {
    let started = performance.now();
    const graphMinPoints = { usearch: 0, exact: Infinity, default: undefined }[options.library ?? 'default'];
    const writer = createEmbeddedIndexWriter(dir, {
      ...(graphMinPoints !== undefined && { graphMinPoints }),
      onGraphProgress: (rows, total) => log(`graph: ${rows} of ${total} points`),
    });
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
    const queries = await drawQueries(catalog.queries ?? randomQueries(index, movieIds), options);
    const timed = [];
    for (const [kind, list] of Object.entries(queries))
      timed.push({ kind, list, timing: await timeQueries(index, list) });
    const peakRssMb = toMb(sampler.stop());
    if (index.graph) log(`recall@10 against the exact scan over ${options.recallQueries} queries of each kind…`);
    const exact = index.graph ? await loadEmbeddedIndex(dir, { exact: true }) : null;
    const kinds: Record<string, Awaited<ReturnType<typeof timeQueries>> & { recallAt10?: number }> = {};
    for (const { kind, list, timing } of timed)
      kinds[kind] = exact
        ? { ...timing, recallAt10: await recallAt10(index, exact, list, options.recallQueries) }
        : timing;
    return {
      catalog: catalog.source,
      library: index.graph ? 'usearch' : 'exact',
      points: index.points,
      dimension: index.dimension,
      queriesPerKind: options.queries,
      limit: options.limit,
      buildSeconds,
      loadSeconds,
      ...kinds,
      peakRssMb,
    };
  } finally {
    sampler.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
