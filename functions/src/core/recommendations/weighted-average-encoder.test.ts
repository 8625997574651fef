import { describe, expect, it } from 'vitest';
import { CodedError } from '../errors.js';
import type { RatedMovie } from './user-encoder.port.js';
import { createWeightedAverageEncoder, NEUTRAL_RATING } from './weighted-average-encoder.js';

// Three movies on the axes, one halfway between the first two, one with movie 1's vector.
const VECTORS = new Map<number, Float32Array>([
  [1, Float32Array.of(1, 0, 0)],
  [2, Float32Array.of(0, 1, 0)],
  [3, Float32Array.of(0, 0, 1)],
  [4, Float32Array.of(Math.SQRT1_2, Math.SQRT1_2, 0)],
  [5, Float32Array.of(1, 0, 0)],
]);

function fakeIndex() {
  const requests: (readonly number[])[] = [];
  const vectors = async (ids: readonly number[]) => {
    requests.push(ids);
    return new Map(ids.filter((id) => VECTORS.has(id)).map((id) => [id, VECTORS.get(id)!]));
  };
  return { encoder: createWeightedAverageEncoder(vectors), requests };
}

const history = (...pairs: [number, number][]): RatedMovie[] => pairs.map(([movieId, rating]) => ({ movieId, rating }));
const close = (got: Float32Array | undefined, expected: number[]) =>
  expect(Array.from(got!)).toEqual(expected.map((x) => expect.closeTo(x, 6)));

describe('createWeightedAverageEncoder', () => {
  it('averages the rated movies weighted by rating − 2.75, L2-normalized', async () => {
    const { encoder } = fakeIndex();
    expect(encoder.name).toBe('weighted-average');
    expect(NEUTRAL_RATING).toBe(2.75);
    // 5 → +2.25, 3.5 → +0.75: (2.25, 0.75, 0) / |…|
    const [embedding] = await encoder.encode([history([1, 5], [2, 3.5])]);
    const norm = Math.hypot(2.25, 0.75);
    close(embedding, [2.25 / norm, 0.75 / norm, 0]);
  });

  it('pushes away from disliked movies', async () => {
    const { encoder } = fakeIndex();
    // 5 → +2.25 on movie 1, 1 → −1.75 on movie 2
    const [embedding] = await encoder.encode([history([1, 5], [2, 1])]);
    const norm = Math.hypot(2.25, 1.75);
    close(embedding, [2.25 / norm, -1.75 / norm, 0]);
    const [allDisliked] = await encoder.encode([history([3, 0.5])]);
    close(allDisliked, [0, 0, -1]);
  });

  it('ignores padding and movies without a vector, and counts a re-rated movie once, with its latest rating', async () => {
    const { encoder, requests } = fakeIndex();
    const [a, b] = await encoder.encode([history([0, 5], [1, 1], [99, 5], [3, 4], [1, 4]), history([4, 4.5])]);
    const norm = Math.hypot(1.25, 1.25);
    close(a, [1.25 / norm, 0, 1.25 / norm]);
    close(b, [Math.SQRT1_2, Math.SQRT1_2, 0]);
    expect(requests).toEqual([[1, 99, 3, 4]]); // one lookup for the whole batch
  });

  it('cannot encode an empty history, or one whose movies have no vectors', async () => {
    const { encoder, requests } = fakeIndex();
    await expect(encoder.encode([history([1, 4]), []])).rejects.toMatchObject({
      code: 'unprocessable',
      message: 'weighted average: history 1 is empty',
    });
    await expect(encoder.encode([history([98, 4], [99, 2])])).rejects.toMatchObject({
      code: 'unprocessable',
      message: 'weighted average: history 0 has none of its 2 movie(s) in the index',
    });
    await expect(encoder.encode([history([0, 4])])).rejects.toBeInstanceOf(CodedError);
    expect(requests).toEqual([[1], [98, 99]]); // nothing to look up for a padding-only batch
  });

  it('cannot encode ratings that cancel out', async () => {
    const { encoder } = fakeIndex();
    await expect(encoder.encode([history([1, 5], [5, 0.5])])).rejects.toMatchObject({
      code: 'unprocessable',
      message: 'weighted average: the ratings of history 0 cancel out',
    });
  });

  it('refuses a rating that is not a number', async () => {
    const { encoder } = fakeIndex();
    await expect(encoder.encode([history([1, Number.NaN])])).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('gives an empty batch an empty answer', async () => {
    expect(await fakeIndex().encoder.encode([])).toEqual([]);
  });
});
