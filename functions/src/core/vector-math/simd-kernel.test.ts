import { describe, expect, it } from 'vitest';
import { createScoreKernel, strideFor } from './simd-kernel.js';

describe('SIMD score kernel', () => {
  it('pads rows to whole blocks', () => {
    expect([1, 16, 17, 128].map(strideFor)).toEqual([16, 16, 32, 128]);
  });

  it('computes every dot product like a plain loop, for any dimension', () => {
    for (const [rows, dimension] of [
      [0, 8],
      [1, 1],
      [7, 5],
      [33, 17],
      [300, 128],
    ] as const) {
      const kernel = createScoreKernel(rows, dimension);
      const stored = Array.from({ length: rows }, (_, r) =>
        Float32Array.from({ length: dimension }, (_, d) => Math.sin(r * 31 + d)),
      );
      stored.forEach((v, r) => kernel.vectors.set(v, r * kernel.stride));
      const query = Float32Array.from({ length: dimension }, (_, d) => Math.cos(d));
      const scores = kernel.score(query);
      expect(scores).toHaveLength(rows);
      stored.forEach((v, r) =>
        expect(scores[r]).toBeCloseTo(
          v.reduce((s, x, d) => s + x * query[d]!, 0),
          4,
        ),
      );
    }
  });

  it('refuses a catalog beyond the 4 GiB of WebAssembly memory', () => {
    expect(() => createScoreKernel(9_000_000, 128)).toThrow(/exceed the 4 GiB/);
  });
});
