/**
 * For each query, which of a few vectors it is closest to (highest dot product; the first of equal
 * ones), scored by the SIMD kernel. For You names the liked movie nearest each pick: 21 picks
 * against up to 200 liked movies took a third of a computed For You's CPU in plain JavaScript
 * (~0.9 ms on the 2-core machine under load); the kernel takes ~0.06 ms. Its memory is kept and
 * grown as needed, since allocating it per call costs more than the scoring.
 *
 * @example
 *   const closest = createClosestRows();
 *   closest([liked1, liked2], [pick]); // → [1] when pick · liked2 is the larger
 */
import { createScoreKernel, type ScoreKernel } from './simd-kernel.js';

export type ClosestRows = (rows: readonly Float32Array[], queries: readonly Float32Array[]) => number[];

export function createClosestRows(): ClosestRows {
  let kernel: ScoreKernel | null = null;
  let capacity = 0;
  let dimension = 0;

  const kernelFor = (count: number, width: number): ScoreKernel => {
    if (kernel === null || count > capacity || width !== dimension) {
      capacity = Math.max(count, width === dimension ? capacity * 2 : 0);
      dimension = width;
      kernel = createScoreKernel(capacity, dimension);
    }
    return kernel;
  };

  return (rows, queries) => {
    if (rows.length === 0) return queries.map(() => -1);
    const scorer = kernelFor(rows.length, rows[0]!.length);
    rows.forEach((row, r) => scorer.vectors.set(row, r * scorer.stride));
    return queries.map((query) => {
      const scores = scorer.score(query, rows.length);
      let best = 0;
      for (let r = 1; r < rows.length; r++) if (scores[r]! > scores[best]!) best = r;
      return best;
    });
  };
}
