/**
 * The embedded in-process vector index: exact dot-product search over every point, held in one
 * contiguous Float32Array (WebAssembly memory) and scored with SIMD, then a bounded top-k pass that
 * applies the genre filter and the exclusions. Loaded from the folder `createEmbeddedIndexWriter`
 * writes (see format.ts).
 *
 * @example
 *   const index = await loadEmbeddedIndex(config.vectorIndex.embeddedDir);
 *   const hits = await index.search({ vector, limit: 20, genres: ['Comedy'], excludeMovieIds: rated });
 */
import { CodedError } from '../../core/errors.js';
import type { ScoredMovieId, VectorIndex, VectorQuery } from '../../core/recommendations/vector-index.port.js';
import { type LoadedPoints, loadPoints } from './load.js';
import { TopK } from './top-k.js';

export { embeddedIndexExists } from './format.js';
export { createEmbeddedIndexWriter } from './writer.js';

export type EmbeddedIndex = VectorIndex & { dimension: number; points: number };

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

function search(points: LoadedPoints, excluded: Uint8Array, query: VectorQuery): ScoredMovieId[] {
  const { kernel, movieIds, rowOf, genres, recommendable } = points;
  const onlyRecommendable = query.recommendableOnly === true;
  const offset = query.offset ?? 0;
  const genreMask = query.genres?.length ? genres.query(query.genres) : undefined;
  if (genreMask === null || offset >= movieIds.length) return [];
  const marked = (query.excludeMovieIds ?? []).map((id) => rowOf.get(id)).filter((row) => row !== undefined);
  for (const row of marked) excluded[row] = 1;
  try {
    const scores = kernel.score(query.vector);
    const top = new TopK(Math.min(offset + query.limit, movieIds.length));
    let threshold = top.threshold;
    for (let row = 0; row < scores.length; row++) {
      const score = scores[row] as number;
      if (score < threshold || excluded[row] === 1 || (onlyRecommendable && recommendable[row] === 0)) continue;
      if (genreMask && !genres.matches(row, genreMask)) continue;
      top.push(score, row, movieIds[row] as number);
      threshold = top.threshold;
    }
    return top
      .sorted()
      .slice(offset)
      .map(({ row, score }) => ({ movieId: movieIds[row] as number, score }));
  } finally {
    for (const row of marked) excluded[row] = 0;
  }
}

/** Loads the index in `dir`; a missing or damaged folder is a DataFileError naming the file. */
export async function loadEmbeddedIndex(dir: string): Promise<EmbeddedIndex> {
  const points = await loadPoints(dir);
  const { dimension, count } = points.manifest;
  const { kernel, rowOf } = points;
  const excluded = new Uint8Array(count);
  return {
    name: 'embedded',
    dimension,
    points: count,
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
