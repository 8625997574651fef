/**
 * The embedded index's navigable graph (HNSW from usearch) for catalogs too big to scan on every
 * query: an exact scan of 700K × 128 takes ~70 ms, a graph search under 1 ms. Keys are row numbers
 * and the metric is the dot product. The graph holds its vectors as i8: at 700K that halves the
 * build (150 → 73 s on 2 cores) and the file (441 → 185 MB) for the same recall, because the caller
 * re-scores the rows it returns with the float32 vectors (the scores and their order are exact).
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
import type { GraphScalar } from './format.js';
import { hashFile } from './hash-file.js';

/** Below this many points an exact scan takes ≤ 5 ms and is exact, so no graph is built. */
export const GRAPH_MIN_POINTS = 50_000;
/** Graph degree and build width: 73 s for 700K on 2 cores, recall@10 0.97 at width 128 (performance.md). */
const CONNECTIVITY = 16;
const EXPANSION_ADD = 64;
/** Width of a search for a catalog movie's neighbours. */
export const MOVIE_SEARCH_WIDTH = 128;
/**
 * Width of a search for a user's taste: a blend of several tastes lies between clusters, where a
 * greedy walk stalls in one of them unless it keeps many more candidates. At 700K, recall@10 is
 * 0.52 at 128, 0.95 at 1,024 (3 ms) and 0.99 at 2,048 (6 ms); For You is computed once per rating
 * and kept, so the recall is worth the milliseconds.
 */
export const USER_SEARCH_WIDTH = 2048;
/** Rows added per call, so a long build reports progress. */
const ADD_BATCH = 50_000;
/** Smaller graphs are built on one thread, so the same points always give the same graph. */
const SINGLE_THREAD_BELOW = 10_000;

type Usearch = typeof import('usearch');

/** Loaded on first use: deployed functions search Qdrant and never load the native module. */
const usearch = (): Promise<Usearch> => import('usearch');

/** What new graphs store; `openGraph` also reads the float32 graphs of the first release. */
export const GRAPH_SCALAR: GraphScalar = 'i8';

async function openIndex(dimension: number, scalar: GraphScalar) {
  const { Index, MetricKind, ScalarKind } = await usearch();
  return new Index({
    dimensions: dimension,
    metric: MetricKind.IP,
    quantization: scalar === 'i8' ? ScalarKind.I8 : ScalarKind.F32,
    multi: false,
    connectivity: CONNECTIVITY,
    expansion_add: EXPANSION_ADD,
    expansion_search: MOVIE_SEARCH_WIDTH,
  });
}

export interface Graph {
  /**
   * The `k` rows nearest `vector` by the graph's dot product, best first (fewer when the graph
   * holds fewer); an i8 graph's order is approximate, so callers re-score what they keep.
   */
  search(vector: Float32Array, k: number): number[];
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
  scalar: GraphScalar = GRAPH_SCALAR,
): Promise<void> {
  const index = await openIndex(dimension, scalar);
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

export interface GraphFile {
  file: string;
  /** The hash its name carries (checked against the content). */
  hash: string;
  scalar: GraphScalar;
}

/** Memory-maps the graph after checking it is the one the manifest names. */
export async function openGraph({ file, hash, scalar }: GraphFile, dimension: number, rows: number): Promise<Graph> {
  const actual = await graphFileHash(file);
  if (actual !== hash) throw new DataFileError(file, null, `hash ${actual}, expected ${hash}: damaged`);
  const index = await openIndex(dimension, scalar);
  index.view(file);
  if (index.size() !== rows) throw new DataFileError(file, null, `holds ${index.size()} points, expected ${rows}`);
  return {
    search(vector, k) {
      return Array.from(index.search(vector, Math.min(k, rows), 1).keys, Number);
    },
  };
}
