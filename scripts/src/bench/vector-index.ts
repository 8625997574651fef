/**
 * Latency of the embedded vector index: builds it in a temporary folder (from MODEL_DIR's
 * movie_embeddings.npy when present, else the seeded clustered catalog of synthetic-catalog.ts),
 * loads it, then times two kinds of query, each plain, with a genre filter and with exclusions:
 * - similar: a catalog movie's own vector, excluding that movie (Similar, "Because you watched");
 * - user: the normalized mean of a 50-movie history (over three tastes on the synthetic catalog,
 *   50 random movies on the model's), excluding those 50 movies, as the recommender sends them.
 * With the graph, each kind also gets its recall@10 against the exact scan of the same folder.
 * With `--library qdrant` the catalog goes into a Qdrant collection as well (upsert rate, indexing
 * time), the queries go to Qdrant, and recall is against the embedded exact scan.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CANONICAL_GENRES, DEFAULT_BATCH_SIZE } from '@movierec/functions/core';
import type { MoviePoint, VectorIndex, VectorQuery } from '@movierec/functions/core';
import { readMovieEmbeddings, readMovieEmbeddingsHeader } from '@movierec/functions/data-sources';
import { createEmbeddedIndexWriter, loadEmbeddedIndex } from '@movierec/functions/data-sources';
import { mulberry32 } from '../movielens/synthetic.js';
import { syntheticCatalog as clusteredCatalog } from './synthetic-catalog.js';
import { openQdrantTarget, type QdrantTargetOptions } from './qdrant-target.js';
import { median, round2, rssSampler, toMb } from './results.js';

export const INDEX_LIBRARIES = ['usearch', 'exact', 'qdrant'] as const;

export interface BenchVectorIndexOptions {
  /**
   * usearch: the HNSW graph whatever the size; exact: the scan only; qdrant: a Qdrant collection
   * (QDRANT_URL, else the local stand-in); default: the graph from GRAPH_MIN_POINTS on.
   */
  library?: (typeof INDEX_LIBRARIES)[number];
  /** Where and how the qdrant library is measured. */
  qdrant?: QdrantTargetOptions;
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
/** Points per Qdrant upsert, as the ingestion job sends them. */
const QDRANT_BATCH = DEFAULT_BATCH_SIZE;
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

type QdrantTarget = Awaited<ReturnType<typeof openQdrantTarget>>;

/**
 * Writes the catalog into the embedded index in `dir` (the graph from `graphMinPoints` on) and, when
 * given, into Qdrant too, timing Qdrant's upserts apart.
 */
async function writeCatalog(
  catalog: Catalog,
  dir: string,
  graphMinPoints: number | undefined,
  qdrant: QdrantTarget | null,
  log: (message: string) => void,
) {
  const started = performance.now();
  const writer = createEmbeddedIndexWriter(dir, {
    ...(graphMinPoints !== undefined && { graphMinPoints }),
    onGraphProgress: (rows, total) => log(`graph: ${rows} of ${total} points`),
  });
  const movieIds: number[] = [];
  let dimension: number | null = null;
  let qdrantMs = 0;
  for await (const batch of catalog.batches()) {
    if (dimension === null) {
      dimension = batch[0]?.vector.length ?? DIMENSION;
      await writer.prepare(dimension);
      await qdrant?.index.prepare(dimension);
    }
    await writer.upsert(batch);
    if (qdrant) {
      const t = performance.now();
      for (let i = 0; i < batch.length; i += QDRANT_BATCH) await qdrant.index.upsert(batch.slice(i, i + QDRANT_BATCH));
      qdrantMs += performance.now() - t;
      if (Math.floor((movieIds.length + batch.length) / 50_000) > Math.floor(movieIds.length / 50_000))
        log(`qdrant: ${movieIds.length + batch.length} of ${catalog.count} points upserted`);
    }
    movieIds.push(...batch.map((p) => p.movieId));
  }
  await writer.finish();
  return {
    movieIds,
    buildSeconds: round2((performance.now() - started - qdrantMs) / 1000),
    qdrantSeconds: qdrantMs / 1000,
  };
}

/** What Qdrant took to take the catalog in and index it, and the settings it had. */
async function qdrantFigures(qdrant: QdrantTarget, points: number, upsertSeconds: number, indexSeconds: number) {
  return {
    qdrant: {
      server: qdrant.server,
      settings: qdrant.settings,
      upsertSeconds: round2(upsertSeconds),
      pointsPerSecond: Math.round(points / upsertSeconds),
      indexSeconds: round2(indexSeconds),
      peakRssMb: await qdrant.peakRssMb(),
    },
  };
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
  const qdrant = options.library === 'qdrant' ? await openQdrantTarget(options.qdrant ?? {}, log) : null;
  try {
    // Qdrant's recall is measured against the exact scan, which is all the embedded index then builds.
    const graphMinPoints = { usearch: 0, exact: Infinity, qdrant: Infinity, default: undefined }[
      options.library ?? 'default'
    ];
    const { movieIds, buildSeconds, qdrantSeconds } = await writeCatalog(catalog, dir, graphMinPoints, qdrant, log);
    const indexSeconds = qdrant ? await qdrant.indexed() : 0;
    log(
      `built in ${buildSeconds} s${qdrant ? `; qdrant upserts ${round2(qdrantSeconds)} s, indexing ${round2(indexSeconds)} s` : ''}; loading…`,
    );
    const started = performance.now();
    const embedded = await loadEmbeddedIndex(dir);
    const loadSeconds = round2((performance.now() - started) / 1000);
    const index: VectorIndex = qdrant?.index ?? embedded;
    log(`loaded in ${loadSeconds} s; timing ${options.queries} queries of each kind…`);
    const queries = await drawQueries(catalog.queries ?? randomQueries(embedded, movieIds), options);
    const timed = [];
    for (const [kind, list] of Object.entries(queries))
      timed.push({ kind, list, timing: await timeQueries(index, list) });
    const peakRssMb = toMb(sampler.stop());
    const exact = qdrant ? embedded : embedded.graph ? await loadEmbeddedIndex(dir, { exact: true }) : null;
    if (exact) log(`recall@10 against the exact scan over ${options.recallQueries} queries of each kind…`);
    const kinds: Record<string, Awaited<ReturnType<typeof timeQueries>> & { recallAt10?: number }> = {};
    for (const { kind, list, timing } of timed)
      kinds[kind] = exact
        ? { ...timing, recallAt10: await recallAt10(index, exact, list, options.recallQueries) }
        : timing;
    return {
      catalog: catalog.source,
      library: qdrant ? 'qdrant' : embedded.graph ? 'usearch' : 'exact',
      points: embedded.points,
      dimension: embedded.dimension,
      queriesPerKind: options.queries,
      limit: options.limit,
      buildSeconds,
      loadSeconds,
      ...(qdrant && (await qdrantFigures(qdrant, movieIds.length, qdrantSeconds, indexSeconds))),
      ...kinds,
      peakRssMb,
    };
  } finally {
    sampler.stop();
    await qdrant?.close();
    await rm(dir, { recursive: true, force: true });
  }
}
