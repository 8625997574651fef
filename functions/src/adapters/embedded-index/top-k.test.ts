import { describe, expect, it } from 'vitest';
import { TopK } from './top-k.js';

describe('TopK', () => {
  it('keeps the k best of many, best first, ties to the smaller key', () => {
    const scores = Array.from({ length: 2000 }, (_, i) => Math.round(Math.sin(i * 7.3) * 50) / 50); // many ties
    for (const k of [1, 5, 64, 2000, 2500]) {
      const top = new TopK(k);
      scores.forEach((score, row) => top.push(score, row, 10_000 - row));
      const expected = scores
        .map((score, row) => ({ row, score }))
        .sort((a, b) => b.score - a.score || 10_000 - a.row - (10_000 - b.row))
        .slice(0, k);
      expect(top.sorted()).toEqual(expected);
    }
  });

  it('reports the score a candidate must reach once full', () => {
    const top = new TopK(2);
    expect(top.threshold).toBe(-Infinity);
    top.push(0.5, 0, 0);
    top.push(0.9, 1, 1);
    expect(top.threshold).toBe(0.5);
    top.push(0.7, 2, 2);
    expect(top.threshold).toBe(0.7);
  });
});
