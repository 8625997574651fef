/**
 * The contract every VectorIndex + VectorIndexWriter pair meets (test support: imports vitest).
 * Fixtures are seeded random unit vectors with genres and years; every search is checked against a
 * brute-force ranking computed here.
 *
 * @example
 *   describeVectorIndexContract('embedded', async () => ({ index, writer, close: async () => {} }));
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../seeded-random.js';
import { CodedError } from '../errors.js';
import type { MoviePoint, ScoredMovieId, VectorIndex, VectorIndexWriter, VectorQuery } from './vector-index.port.js';

export interface VectorIndexHarness {
  index: VectorIndex;
  writer: VectorIndexWriter;
  close(): Promise<void>;
}

const DIMENSION = 32;
const POINTS = 300;
const GENRES = ['Action', 'Comedy', 'Drama', 'Horror', 'Romance', 'Sci-Fi', 'Documentary'];
/** No fixture point has it, until the replacement test gives it to one. */
const UNUSED_GENRE = 'Western';
const SCORE_TOLERANCE = 1e-4;

const random = mulberry32;

function unitVector(next: () => number, dimension = DIMENSION): Float32Array {
  const v = Float32Array.from({ length: dimension }, () => gaussian(next));
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

export function fixturePoints(seed = 7): MoviePoint[] {
  const next = random(seed);
  return Array.from({ length: POINTS }, (_, i) => ({
    movieId: 1 + 3 * i, // sparse ids, as real catalogs have
    tmdbId: next() < 0.8 ? 1000 + i : null,
    genres: GENRES.filter(() => next() < 0.3),
    year: next() < 0.9 ? 1950 + Math.floor(next() * 70) : null,
    recommendable: next() < 0.75,
    source: next() < 0.7 ? 'two_tower' : 'content_only',
    vector: unitVector(next),
  }));
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, d) => sum + x * (b[d] as number), 0);

const matches = (point: MoviePoint, query: VectorQuery) =>
  !query.excludeMovieIds?.includes(point.movieId) &&
  (!query.genres?.length || point.genres.some((g) => query.genres?.includes(g))) &&
  (!query.recommendableOnly || point.recommendable);

/** The exact answer: every matching point scored, best first (ties by movie id), then paged. */
function bruteForce(points: readonly MoviePoint[], query: VectorQuery): ScoredMovieId[] {
  const offset = query.offset ?? 0;
  return points
    .filter((p) => matches(p, query))
    .map((p) => ({ movieId: p.movieId, score: dot(p.vector, query.vector) }))
    .sort((a, b) => b.score - a.score || a.movieId - b.movieId)
    .slice(offset, offset + query.limit);
}

/**
 * Same ranking as brute force: distinct movies that match the query, each with its true score, and
 * the score at every rank equal to the exact one (so only movies whose scores differ by float
 * rounding may swap places).
 */
function expectRanking(points: readonly MoviePoint[], got: ScoredMovieId[], query: VectorQuery): void {
  const expected = bruteForce(points, query);
  const byId = new Map(points.map((p) => [p.movieId, p]));
  expect(got).toHaveLength(expected.length);
  expect(new Set(got.map((hit) => hit.movieId)).size).toBe(got.length);
  got.forEach((hit, rank) => {
    const point = byId.get(hit.movieId);
    expect(
      point !== undefined && matches(point, query),
      `movie ${hit.movieId} at rank ${rank} does not match the query`,
    ).toBe(true);
    expect(Math.abs(hit.score - dot(point!.vector, query.vector))).toBeLessThan(SCORE_TOLERANCE);
    expect(Math.abs(hit.score - expected[rank]!.score)).toBeLessThan(SCORE_TOLERANCE);
  });
}

async function expectCode(work: Promise<unknown>, code: CodedError['code']): Promise<void> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CodedError);
  expect((error as CodedError).code).toBe(code);
}

async function fill(writer: VectorIndexWriter, points: readonly MoviePoint[]): Promise<void> {
  await writer.prepare(DIMENSION);
  for (let i = 0; i < points.length; i += 128) await writer.upsert(points.slice(i, i + 128));
  await writer.finish();
}

export function describeVectorIndexContract(label: string, open: () => Promise<VectorIndexHarness>): void {
  describe(`VectorIndex contract: ${label}`, () => {
    const points = fixturePoints();
    const next = random(99);
    const queries = Array.from({ length: 5 }, () => unitVector(next));
    let harness: VectorIndexHarness;
    let index: VectorIndex;

    beforeAll(async () => {
      harness = await open();
      index = harness.index;
      await fill(harness.writer, points);
    });

    afterAll(async () => {
      await harness?.close();
    });

    it('counts every point once', async () => {
      expect(await index.count()).toBe(POINTS);
    });

    it('ranks exactly like brute force, with dot-product scores, for a movie and a user alike', async () => {
      for (const vector of queries) {
        for (const kind of ['movie', 'user'] as const) {
          const query = { vector, limit: 10, kind };
          expectRanking(points, await index.search(query), query);
        }
      }
    });

    it('finds a stored vector first, scoring about 1', async () => {
      const target = points[42]!;
      const [first] = await index.search({ vector: target.vector, limit: 3 });
      expect(first?.movieId).toBe(target.movieId);
      expect(first?.score).toBeCloseTo(1, 4);
    });

    it('pages with offset: two pages make the first twenty', async () => {
      const vector = queries[0]!;
      const whole = await index.search({ vector, limit: 20 });
      const pages = [
        ...(await index.search({ vector, limit: 10 })),
        ...(await index.search({ vector, limit: 10, offset: 10 })),
      ];
      expect(pages.map((h) => h.movieId)).toEqual(whole.map((h) => h.movieId));
      expectRanking(points, await index.search({ vector, limit: 10, offset: 10 }), { vector, limit: 10, offset: 10 });
    });

    it('returns the whole catalog, once each, when the limit exceeds it', async () => {
      const query = { vector: queries[1]!, limit: POINTS + 50 };
      expectRanking(points, await index.search(query), query);
    });

    it('keeps only movies having any of the genres', async () => {
      for (const genres of [['Horror'], ['Documentary', 'Romance']]) {
        const query = { vector: queries[2]!, limit: 15, genres };
        expectRanking(points, await index.search(query), query);
      }
    });

    it('leaves out excluded movies, ignoring ids it does not hold', async () => {
      const vector = queries[3]!;
      const best = (await index.search({ vector, limit: 5 })).map((h) => h.movieId);
      const query = { vector, limit: 10, excludeMovieIds: [...best, 999_999] };
      expectRanking(points, await index.search(query), query);
    });

    it('keeps only recommendable movies when asked, and every movie otherwise', async () => {
      const query = { vector: queries[2]!, limit: 40, recommendableOnly: true };
      const hits = await index.search(query);
      expectRanking(points, hits, query);
      const flagged = new Set(points.filter((p) => !p.recommendable).map((p) => p.movieId));
      expect(hits.some((hit) => flagged.has(hit.movieId))).toBe(false);
      expect((await index.search({ vector: queries[2]!, limit: 40 })).some((hit) => flagged.has(hit.movieId))).toBe(
        true,
      );
    });

    it('combines genres, exclusions, the recommendable flag and offset', async () => {
      const excludeMovieIds = points.slice(0, 60).map((p) => p.movieId);
      const query = {
        vector: queries[4]!,
        limit: 5,
        offset: 3,
        genres: ['Comedy', 'Sci-Fi'],
        excludeMovieIds,
        recommendableOnly: true,
      };
      expectRanking(points, await index.search(query), query);
    });

    it('returns nothing when no movie matches or the offset passes the end', async () => {
      expect(await index.search({ vector: queries[0]!, limit: 10, genres: [UNUSED_GENRE] })).toEqual([]);
      expect(await index.search({ vector: queries[0]!, limit: 10, offset: POINTS })).toEqual([]);
      expect(
        await index.search({ vector: queries[0]!, limit: 10, excludeMovieIds: points.map((p) => p.movieId) }),
      ).toEqual([]);
    });

    it('gives back the stored vectors, and nothing for unknown ids', async () => {
      const wanted = [points[0]!, points[150]!, points[299]!];
      const found = await index.vectors([...wanted.map((p) => p.movieId), 999_999]);
      expect([...found.keys()].sort((a, b) => a - b)).toEqual(wanted.map((p) => p.movieId));
      for (const p of wanted) expect(found.get(p.movieId)).toEqual(p.vector);
      expect((await index.vectors([])).size).toBe(0);
    });

    it('rejects a query or a point of another dimension as invalid input', async () => {
      await expectCode(index.search({ vector: new Float32Array(DIMENSION - 1), limit: 5 }), 'invalid_input');
      await harness.writer.prepare(DIMENSION);
      await expectCode(
        harness.writer.upsert([{ ...points[0]!, vector: new Float32Array(DIMENSION + 1) }]),
        'invalid_input',
      );
      await harness.writer.finish();
      expect(await index.count()).toBe(POINTS);
    });

    it('is idempotent: the same points again change nothing', async () => {
      const before = await index.search({ vector: queries[0]!, limit: 10 });
      await fill(harness.writer, points);
      expect(await index.count()).toBe(POINTS);
      expect(await index.search({ vector: queries[0]!, limit: 10 })).toEqual(before);
    });

    it('refuses to prepare for another dimension', async () => {
      await expectCode(harness.writer.prepare(DIMENSION + 8), 'conflict');
    });

    it('replaces a point upserted again under its movie id', async () => {
      const old = points[7]!;
      const replacement: MoviePoint = {
        ...old,
        genres: [UNUSED_GENRE],
        year: 2001,
        recommendable: !old.recommendable,
        vector: unitVector(random(5)),
      };
      await harness.writer.prepare(DIMENSION);
      await harness.writer.upsert([replacement]);
      await harness.writer.finish();
      expect(await index.count()).toBe(POINTS);
      expect((await index.vectors([old.movieId])).get(old.movieId)).toEqual(replacement.vector);
      const hits = await index.search({ vector: replacement.vector, limit: 5, genres: [UNUSED_GENRE] });
      expect(hits.map((h) => h.movieId)).toEqual([old.movieId]);
      expect(hits[0]?.score).toBeCloseTo(1, 4);
      const flagged = await index.search({
        vector: replacement.vector,
        limit: 5,
        genres: [UNUSED_GENRE],
        recommendableOnly: true,
      });
      expect(flagged.map((h) => h.movieId)).toEqual(replacement.recommendable ? [old.movieId] : []);
    });
  });
}
