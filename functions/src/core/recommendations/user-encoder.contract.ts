/**
 * The contract every model-backed UserEncoder keeps (in-process, TF Serving, SageMaker), checked
 * against one export: the SavedModel's own outputs in user_tower_examples.json are the reference.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RatedMovie, UserEncoder } from './user-encoder.port.js';

/** One entry of the export's user_tower_examples.json. */
export interface GoldenExample {
  history_movie_ids: number[];
  history_ratings: number[];
  embedding: number[];
}

export interface UserEncoderSubject {
  encoder: UserEncoder;
  /** How many of the most recent ratings the model reads. */
  historyLength: number;
  /** The export's golden examples: a full history, one with padding and an unknown id, an empty one. */
  examples: readonly GoldenExample[];
}

const PARITY = 1e-4;
// Batching and padding width may change float rounding inside the SavedModel, never more.
const SAME = 1e-5;
const RATINGS = [5, 4, 3, 2, 1, 4.5, 3.5, 0.5, 2.5, 1.5];

export const toHistory = (ids: readonly number[], ratings: readonly number[]): RatedMovie[] =>
  ids.map((movieId, i) => ({ movieId, rating: ratings[i]! }));

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

const norm = (v: Float32Array): number => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));

/** Registers the contract's tests; `open` runs once, in beforeAll. */
export function describeUserEncoderContract(label: string, open: () => Promise<UserEncoderSubject>): void {
  describe(`UserEncoder contract: ${label}`, () => {
    let encoder: UserEncoder;
    let historyLength: number;
    let examples: readonly GoldenExample[];
    let known: number[]; // movie ids the model knows: the full golden history's
    let unknownId: number;
    const encodeOne = async (history: RatedMovie[]): Promise<Float32Array> => (await encoder.encode([history]))[0]!;

    beforeAll(async () => {
      ({ encoder, historyLength, examples } = await open());
      expect(examples).toHaveLength(3);
      known = examples[0]!.history_movie_ids;
      // The export's second example holds max(known ids) + 1, so one more is unknown too.
      unknownId = Math.max(...examples.flatMap((e) => e.history_movie_ids)) + 1;
    }, 180_000);

    it('matches the SavedModel on the golden examples', async () => {
      const got = await encoder.encode(examples.map((e) => toHistory(e.history_movie_ids, e.history_ratings)));
      expect(got).toHaveLength(examples.length);
      got.forEach((embedding, i) => {
        expect(embedding).toBeInstanceOf(Float32Array);
        expect(maxAbsDiff(embedding, examples[i]!.embedding)).toBeLessThan(PARITY);
      });
    });

    it('gives one unit-norm embedding per history, the same in a batch as alone', async () => {
      const histories = [
        toHistory(known.slice(0, 3), [4, 2.5, 5]),
        [],
        toHistory(known, [1, 1, 0.5, 3, 3.5]),
        toHistory(known.slice(1, 2), [5]),
      ];
      const batch = await encoder.encode(histories);
      expect(batch).toHaveLength(histories.length);
      for (const [i, history] of histories.entries()) {
        expect(norm(batch[i]!)).toBeCloseTo(1, 5);
        expect(maxAbsDiff(batch[i]!, await encodeOne(history))).toBeLessThan(SAME);
      }
      expect(await encoder.encode([])).toEqual([]);
    });

    it('gives an empty, padding-only or unknown-only history the "no history" embedding', async () => {
      const none = examples[2]!.embedding;
      for (const history of [[], [{ movieId: 0, rating: 0 }], [{ movieId: unknownId, rating: 4 }]]) {
        expect(maxAbsDiff(await encodeOne(history), none)).toBeLessThan(PARITY);
      }
    });

    it('ignores padding and unknown ids', async () => {
      const base = toHistory(known.slice(0, 4), [5, 3, 4.5, 2]);
      const noisy = [
        { movieId: 0, rating: 5 },
        base[0]!,
        { movieId: unknownId, rating: 1 },
        ...base.slice(1),
        { movieId: 0, rating: 0 },
      ];
      expect(maxAbsDiff(await encodeOne(base), await encodeOne(noisy))).toBeLessThan(SAME);
    });

    it('reads only the last historyLength ratings', async () => {
      const recent = Array.from({ length: historyLength }, (_, i) => ({
        movieId: known[i % known.length]!,
        rating: RATINGS[i % RATINGS.length]!,
      }));
      const older = toHistory([known[2]!, known[1]!], [0.5, 0.5]);
      const [alone, truncated, shifted] = await encoder.encode([
        recent,
        [...older, ...recent],
        [...older, ...recent.slice(0, -1)],
      ]);
      expect(maxAbsDiff(alone!, truncated!)).toBeLessThan(SAME);
      expect(maxAbsDiff(alone!, shifted!)).toBeGreaterThan(PARITY); // a change inside the window counts
    });

    it('refuses a rating that is not a number', async () => {
      await expect(encoder.encode([toHistory(known.slice(0, 1), [Number.NaN])])).rejects.toMatchObject({
        code: 'invalid_input',
      });
    });
  });
}
