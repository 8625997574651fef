/**
 * The embedded in-process vector index. Every point is held in one contiguous Float32Array
 * (WebAssembly memory) and scored with SIMD, then a bounded top-k pass applies the genre filter and
 * the exclusions: exact, and fast enough below GRAPH_MIN_POINTS. Bigger catalogs also get an HNSW
 * graph (graph.ts) that answers from a few thousand points instead of all. Loaded from the folder
 * `createEmbeddedIndexWriter` writes (see format.ts).
 *
 * @example
 *   const index = await loadEmbeddedIndex(config.vectorIndex.embeddedDir);
 *   const hits = await index.search({ vector, limit: 20, genres: ['Comedy'], excludeMovieIds: rated });
 */
import { CodedError } from '../../core/errors.js';
import type { ScoredMovieId, VectorIndex, VectorQuery } from '../../core/recommendations/vector-index.port.js';
import { type Graph, MOVIE_SEARCH_WIDTH, USER_SEARCH_WIDTH } from './graph.js';
import { type LoadedPoints, loadPoints } from './load.js';
import { TopK } from './top-k.js';

export { embeddedIndexExists } from './format.js';
export { createEmbeddedIndexWriter } from './writer.js';

export type EmbeddedIndex = VectorIndex & { dimension: number; points: number; graph: boolean };

const acceptsAll = () => true;
/** Graph results asked for beyond what the filters' share implies (the share is an estimate). */
const OVERFETCH = 1.5;
/** A genre filter matching at most this many rows is scanned exactly (~4 ms in plain JavaScript). */
const SUBSET_SCAN_ROWS = 32_000;
/** Past this many graph results, the exact scan is about as fast and certain. */
const MAX_GRAPH_FETCH = 16_384;

function checkQuery(query: VectorQuery, dimension: number): void {
  const fail = (detail: string): never => {
    throw new CodedError('invalid_input', `embedded index: ${detail}`);
  };
  if (query.vector.length !== dimension)
    fail(`query vector has ${query.vector.length} dimensions, the index ${dimension}`);
  if (!query.vector.every(Number.isFinite)) fail('query vector has a non-finite value');
  if (!Number.isInteger(query.limit) || query.limit < 1) fail(`limit must be a whole number ≥ 1, got ${query.limit}`);
  const offset = query.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) fail(`offset must be a whole number ≥ 0, got ${offset}`);
}

/** The rows a query may return: not excluded, recommendable when asked, in one of its genres. */
function acceptor(points: LoadedPoints, excluded: Uint8Array, query: VectorQuery, genreMask?: Uint32Array) {
  const { genres, recommendable } = points;
  const onlyRecommendable = query.recommendableOnly === true;
  return (row: number) =>
    excluded[row] !== 1 &&
    (!onlyRecommendable || recommendable[row] === 1) &&
    (!genreMask || genres.matches(row, genreMask));
}

/** Every row scored (SIMD), the accepted ones kept in a bounded top-k: exact. */
function exactSearch(points: LoadedPoints, accepts: (row: number) => boolean, query: VectorQuery, wanted: number) {
  const { kernel, movieIds } = points;
  const scores = kernel.score(query.vector);
  const top = new TopK(Math.min(wanted, movieIds.length));
  let threshold = top.threshold;
  for (let row = 0; row < scores.length; row++) {
    const score = scores[row] as number;
    if (score < threshold || !accepts(row)) continue;
    top.push(score, row, movieIds[row] as number);
    threshold = top.threshold;
  }
  return top.sorted();
}

/** The exact score of one row (four sums in flight: about twice as fast as one). */
function rowScore(vectors: Float32Array, at: number, q: Float32Array): number {
  let [s0, s1, s2, s3] = [0, 0, 0, 0];
  let d = 0;
  for (; d + 3 < q.length; d += 4, at += 4) {
    s0 += (q[d] as number) * (vectors[at] as number);
    s1 += (q[d + 1] as number) * (vectors[at + 1] as number);
    s2 += (q[d + 2] as number) * (vectors[at + 2] as number);
    s3 += (q[d + 3] as number) * (vectors[at + 3] as number);
  }
  for (; d < q.length; d++, at++) s0 += (q[d] as number) * (vectors[at] as number);
  return s0 + s1 + s2 + s3;
}

/**
 * The accepted rows among `rows` scored one by one: exact, for a genre with few movies and for the
 * rows a graph returns.
 */
function subsetSearch(
  points: LoadedPoints,
  rows: Iterable<number>,
  accepts: (row: number) => boolean,
  query: VectorQuery,
  wanted: number,
) {
  const { kernel, movieIds } = points;
  const { vectors, stride } = kernel;
  const top = new TopK(wanted);
  for (const row of rows) {
    if (!accepts(row)) continue;
    const score = rowScore(vectors, row * stride, query.vector);
    if (score >= top.threshold) top.push(score, row, movieIds[row] as number);
  }
  return top.sorted();
}

/**
 * Graph search with the filters applied to what it returns. A genre with few movies is scanned
 * exactly instead (its rows one by one). Otherwise the graph is asked for the wanted count divided
 * by the share of rows the filters keep, plus the exclusions, and for at least a movie search's
 * width divided by that share (so about that many candidates pass); it widens 4× while too few
 * pass and gives way to the exact scan past MAX_GRAPH_FETCH, so a filter never costs results,
 * only time.
 */
function graphSearch(
  points: LoadedPoints,
  graph: Graph,
  accepts: (row: number) => boolean,
  query: VectorQuery,
  wanted: number,
) {
  const rows = points.movieIds.length;
  const lists = query.genres?.length ? points.genres.rowLists(query.genres) : null;
  const genreRows = lists ? lists.reduce((sum, list) => sum + list.length, 0) : rows;
  if (lists && genreRows <= SUBSET_SCAN_ROWS)
    return subsetSearch(
      points,
      lists.length === 1 ? (lists[0] as number[]) : new Set(lists.flat()),
      accepts,
      query,
      wanted,
    );
  const share = (Math.min(genreRows, rows) / rows) * (query.recommendableOnly ? points.recommendableShare : 1);
  const width = query.kind === 'user' ? USER_SEARCH_WIDTH : MOVIE_SEARCH_WIDTH;
  const fetch = Math.ceil((wanted / Math.max(share, 1e-6)) * OVERFETCH) + (query.excludeMovieIds?.length ?? 0);
  // Wide enough that a movie query's width of candidates is expected to pass the filters.
  const filteredWidth = Math.max(width, Math.ceil(MOVIE_SEARCH_WIDTH / Math.max(share, 1e-6)));
  for (let k = Math.max(fetch, filteredWidth); k <= MAX_GRAPH_FETCH; k *= 4) {
    const found = graph.search(query.vector, k);
    const kept = found.filter(accepts);
    // Re-scored with the float32 vectors: the graph's own i8 order is approximate.
    if (kept.length >= wanted || found.length < k) return subsetSearch(points, kept, acceptsAll, query, wanted);
  }
  return exactSearch(points, accepts, query, wanted);
}

function search(points: LoadedPoints, excluded: Uint8Array, query: VectorQuery): ScoredMovieId[] {
  const { movieIds, rowOf, genres, graph } = points;
  const offset = query.offset ?? 0;
  const genreMask = query.genres?.length ? genres.query(query.genres) : undefined;
  if (genreMask === null || offset >= movieIds.length) return [];
  const marked = (query.excludeMovieIds ?? []).map((id) => rowOf.get(id)).filter((row) => row !== undefined);
  for (const row of marked) excluded[row] = 1;
  try {
    const accepts = acceptor(points, excluded, query, genreMask);
    const wanted = offset + query.limit;
    const hits = graph
      ? graphSearch(points, graph, accepts, query, wanted)
      : exactSearch(points, accepts, query, wanted);
    return hits.slice(offset).map(({ row, score }) => ({ movieId: movieIds[row] as number, score }));
  } finally {
    for (const row of marked) excluded[row] = 0;
  }
}

/**
 * Loads the index in `dir`; a missing or damaged folder is a DataFileError naming the file.
 * `exact: true` ignores the graph (the benchmark's recall reference).
 */
export async function loadEmbeddedIndex(dir: string, options: { exact?: boolean } = {}): Promise<EmbeddedIndex> {
  const points = await loadPoints(dir, options.exact !== true);
  const { dimension, count } = points.manifest;
  const { kernel, rowOf } = points;
  const excluded = new Uint8Array(count);
  return {
    name: 'embedded',
    dimension,
    points: count,
    graph: points.graph !== null,
    async search(query) {
      checkQuery(query, dimension);
      return search(points, excluded, query);
    },
    async vectors(movieIds) {
      const found = new Map<number, Float32Array>();
      for (const id of movieIds) {
        const row = rowOf.get(id);
        if (row !== undefined)
          found.set(id, kernel.vectors.slice(row * kernel.stride, row * kernel.stride + dimension));
      }
      return found;
    },
    async count() {
      return count;
    },
  };
}
