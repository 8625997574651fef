import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@movierec/functions/core';
import { GENRE_FREQUENCY, syntheticCatalog } from './synthetic-catalog.js';

const POINTS = 20_000;
const catalog = syntheticCatalog({ points: POINTS, seed: 3 });

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, d) => sum + x * (b[d] as number), 0);

function bestScores(vector: Float32Array, take: number, skip: ReadonlySet<number> = new Set()): number[] {
  const scores: number[] = [];
  for (let id = 1; id <= catalog.count; id++) if (!skip.has(id)) scores.push(dot(vector, catalog.vectorOf(id)));
  return scores.sort((a, b) => b - a).slice(0, take);
}

describe('syntheticCatalog', () => {
  it('is the same catalog for the same seed, another for another seed', () => {
    const again = syntheticCatalog({ points: POINTS, seed: 3 });
    const same = (other: Float32Array) => Buffer.from(other.buffer).equals(Buffer.from(catalog.vectors.buffer));
    expect(same(again.vectors)).toBe(true);
    expect(same(syntheticCatalog({ points: POINTS, seed: 4 }).vectors)).toBe(false);
  });

  it("splits two-tower and content-only movies as the seed's 87K of 700K", () => {
    expect(catalog.collaborative).toBe(Math.round((POINTS * 87) / 700));
    const points = [...catalog.batches(4096)].flat();
    expect(points).toHaveLength(POINTS);
    expect(points.filter((p) => p.source === 'two_tower')).toHaveLength(catalog.collaborative);
    expect(new Set(points.map((p) => p.movieId)).size).toBe(POINTS);
    for (const p of points.slice(0, 50)) expect(Math.hypot(...p.vector)).toBeCloseTo(1, 5);
  });

  it('gives every movie a genre, at about the real frequencies, and flags some content-only movies', () => {
    const counts = new Map<string, number>();
    for (let id = 1; id <= POINTS; id++) {
      const genres = catalog.genresOf(id);
      expect(genres.length).toBeGreaterThan(0);
      for (const g of genres) counts.set(g, (counts.get(g) ?? 0) + 1);
    }
    for (const genre of ['Comedy', 'Thriller', 'Documentary']) {
      const share = (counts.get(genre) ?? 0) / POINTS;
      expect(share).toBeGreaterThan((GENRE_FREQUENCY[genre] as number) * 0.6);
      expect(share).toBeLessThan((GENRE_FREQUENCY[genre] as number) * 1.4);
    }
    const ids = Array.from({ length: POINTS }, (_, i) => i + 1);
    expect(ids.filter((id) => id <= catalog.collaborative).every((id) => catalog.recommendable(id))).toBe(true);
    const flagged = ids.filter((id) => !catalog.recommendable(id)).length / (POINTS - catalog.collaborative);
    expect(flagged).toBeGreaterThan(0.1);
    expect(flagged).toBeLessThan(0.3);
  });

  it('is clustered: a movie has close neighbours, far closer than a random vector has', () => {
    const next = mulberry32(8);
    const { vector, movieId } = catalog.similarQuery(next);
    expect(movieId).toBeLessThanOrEqual(catalog.collaborative);
    const [self, ...neighbours] = bestScores(vector, 11);
    expect(self).toBeCloseTo(1, 5);
    const random = Float32Array.from({ length: catalog.dimension }, () => next() - 0.5);
    const norm = Math.hypot(...random);
    const randomBest = bestScores(
      random.map((x) => x / norm),
      10,
    );
    expect(neighbours[9]!).toBeGreaterThan(1.5 * randomBest[0]!);
  });

  it('draws user histories of 50 rated movies spanning three tastes', () => {
    const next = mulberry32(9);
    const { vector, history } = catalog.userQuery(next);
    expect(new Set(history).size).toBe(50);
    expect(history.every((id) => id >= 1 && id <= catalog.collaborative)).toBe(true);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    // Linking movies as similar as cluster mates are leaves at most three groups, each pulling the query.
    const groupOf = new Map(history.map((id) => [id, id]));
    const root = (id: number): number => (groupOf.get(id) === id ? id : root(groupOf.get(id)!));
    for (const a of history)
      for (const b of history) if (dot(catalog.vectorOf(a), catalog.vectorOf(b)) > 0.3) groupOf.set(root(a), root(b));
    const groups = new Map<number, number[]>();
    for (const id of history) groups.set(root(id), [...(groups.get(root(id)) ?? []), id]);
    expect(groups.size).toBeLessThanOrEqual(3);
    for (const members of groups.values()) {
      expect(members.length).toBeGreaterThanOrEqual(16);
      expect(dot(vector, catalog.vectorOf(members[0]!))).toBeGreaterThan(0.2);
    }
  });
});
