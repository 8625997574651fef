/**
 * The embedded index's navigable graph (HNSW from usearch) for catalogs too big to scan on every
 * query: an exact scan of 700K × 128 takes ~70 ms, a graph search under 1 ms. Keys are row numbers,
 * the metric is the dot product, vectors stay float32 so the scores are the exact ones.
 *
 * Why usearch (docs/performance.md has the comparison): prebuilt binaries for linux x64/arm64, macOS
 * and Windows inside the npm package (nothing to compile or download at install), a multi-threaded
 * build, and a saved graph that is memory-mapped rather than read, so loading is instant and the
 * pages are shared between processes.
 *
 * Search width: usearch fixes `expansion_search` when the index is opened and widens it to k when a
 * search asks for more, so a wider search is a larger k (the caller keeps the best it needs).
 */
import { createHash } from 'node:crypto';
import { DataFileError } from '../../core/errors.js';
import { hashFile } from './hash-file.js';

/** Below this many points an exact scan takes ≤ 5 ms and is exact, so no graph is built. */
export const GRAPH_MIN_POINTS = 50_000;
/** Graph degree and build width: 111 s for 700K on 2 cores, recall@10 0.97 at width 128 (performance.md). */
const CONNECTIVITY = 16;
const EXPANSION_ADD = 64;
/** Width of a search for a catalog movie's neighbours. */
export const MOVIE_SEARCH_WIDTH = 128;
/**
 * Width of a search for a user's taste: a blend of several tastes lies between clusters, where a
 * greedy walk stalls in one of them unless it keeps many more candidates (0.52 → 0.94 recall@10
 * from 128 to 1,024 at 700K).
 */
export const USER_SEARCH_WIDTH = 1024;
/** Rows added per call, so a long build reports progress. */
const ADD_BATCH = 50_000;
/** Smaller graphs are built on one thread, so the same points always give the same graph. */
const SINGLE_THREAD_BELOW = 10_000;

type Usearch = typeof import('usearch');

/** Loaded on first use: deployed functions search Qdrant and never load the native module. */
const usearch = (): Promise<Usearch> => import('usearch');

async function openIndex(dimension: number) {
  const { Index, MetricKind, ScalarKind } = await usearch();
  return new Index({
    dimensions: dimension,
    metric: MetricKind.IP,
    quantization: ScalarKind.F32,
    multi: false,
    connectivity: CONNECTIVITY,
    expansion_add: EXPANSION_ADD,
    expansion_search: MOVIE_SEARCH_WIDTH,
  });
}

export interface GraphHit {
  row: number;
  score: number;
}

export interface Graph {
  /** The `k` rows nearest `vector` by dot product, best first (fewer when the graph holds fewer). */
  search(vector: Float32Array, k: number): GraphHit[];
}

/** Hex prefix of the file's SHA-256: its name carries it, and loading checks it. */
export async function graphFileHash(file: string): Promise<string> {
  const hash = createHash('sha256');
  await hashFile(file, hash);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds the graph over `vectors` (row-major, `dimension` floats per row) with every core and saves
 * it to `file`; `progress` hears the rows added so far.
 */
export async function buildGraph(
  vectors: Float32Array,
  dimension: number,
  file: string,
  progress: (rows: number, total: number) => void,
): Promise<void> {
  const index = await openIndex(dimension);
  const total = vectors.length / dimension;
  const keys = BigUint64Array.from({ length: total }, (_, row) => BigInt(row));
  const threads = total < SINGLE_THREAD_BELOW ? 1 : 0;
  for (let start = 0; start < total; start += ADD_BATCH) {
    const end = Math.min(total, start + ADD_BATCH);
    index.add(keys.subarray(start, end), vectors.subarray(start * dimension, end * dimension), threads);
    progress(end, total);
  }
  index.save(file);
}

/** Memory-maps the graph `file` after checking it is the one the manifest names. */
export async function openGraph(file: string, expectedHash: string, dimension: number, rows: number): Promise<Graph> {
  const actual = await graphFileHash(file);
  if (actual !== expectedHash) throw new DataFileError(file, null, `hash ${actual}, expected ${expectedHash}: damaged`);
  const index = await openIndex(dimension);
  index.view(file);
  if (index.size() !== rows) throw new DataFileError(file, null, `holds ${index.size()} points, expected ${rows}`);
  return {
    search(vector, k) {
      const { keys, distances } = index.search(vector, Math.min(k, rows), 1);
      return Array.from(keys, (key, i) => ({ row: Number(key), score: 1 - (distances[i] as number) }));
    },
  };
}
