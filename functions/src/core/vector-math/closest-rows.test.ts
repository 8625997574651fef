import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../seeded-random.js';
import { createClosestRows } from './closest-rows.js';

const randomVectors = (next: () => number, count: number, dimension: number) =>
  Array.from({ length: count }, () => Float32Array.from({ length: dimension }, () => next() - 0.5));

/** The plain loop the kernel replaces: the first row with the highest dot product. */
function plainClosest(rows: Float32Array[], query: Float32Array): number {
  let best = -1;
  let bestScore = -Infinity;
  rows.forEach((row, r) => {
    const score = row.reduce((sum, x, d) => sum + x * query[d]!, 0);
    if (score > bestScore) [best, bestScore] = [r, score];
  });
  return best;
}

describe('createClosestRows', () => {
  it('finds the closest row for each query like a plain loop, as the row count grows and shrinks', () => {
    const next = mulberry32(7);
    const closest = createClosestRows();
    for (const count of [3, 200, 17, 450, 1]) {
      const rows = randomVectors(next, count, 128);
      const queries = randomVectors(next, 21, 128);
      expect(closest(rows, queries)).toEqual(queries.map((q) => plainClosest(rows, q)));
    }
  });

  it('follows a change of dimension, and answers -1 when there are no rows', () => {
    const next = mulberry32(8);
    const closest = createClosestRows();
    const rows = randomVectors(next, 5, 32);
    const query = randomVectors(next, 1, 32);
    expect(closest(rows, query)).toEqual([plainClosest(rows, query[0]!)]);
    const wider = randomVectors(next, 3, 128);
    const queries = randomVectors(next, 2, 128);
    expect(closest(wider, queries)).toEqual(queries.map((q) => plainClosest(wider, q)));
    expect(closest([], query)).toEqual([-1]);
  });

  it('takes the first of equal rows', () => {
    const v = Float32Array.from([1, 0, 0]);
    expect(createClosestRows()([Float32Array.from([0, 1, 0]), v, v.slice()], [v])).toEqual([1]);
  });
});
