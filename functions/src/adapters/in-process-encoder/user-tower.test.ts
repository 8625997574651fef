/**
 * Parity of the in-process user tower with a real export: beforeAll trains a tiny model on a
 * synthetic snapshot with the Python package (tf-serving/.venv) and exports it, then the
 * TypeScript encoder must reproduce the SavedModel's outputs in user_tower_examples.json.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RatedMovie } from '../../core/recommendations/user-encoder.port.js';
import { pythonPresent, SKIP_WITHOUT_PYTHON } from '../../testing/python.js';
import { exportTinyModel, TINY_HISTORY_LENGTH as HISTORY_LENGTH, TINY_OUTPUT_DIM } from '../../testing/tiny-model.js';
import { readSafetensors } from './safetensors.js';
import { type InProcessUserEncoder, loadInProcessUserEncoder } from './user-tower.js';

interface Example {
  history_movie_ids: number[];
  history_ratings: number[];
  embedding: number[];
}

const history = (ids: number[], ratings: number[]): RatedMovie[] => ids.map((movieId, i) => ({ movieId, rating: ratings[i]! }));
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
};
const norm = (v: Float32Array): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

const withPython = pythonPresent();

describe.skipIf(!withPython)(
  `in-process user tower vs a real export${withPython ? '' : SKIP_WITHOUT_PYTHON}`,
  () => {
    let dir: string;
    let encoder: InProcessUserEncoder;
    let examples: Example[];
    let knownIds: number[];

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'user-tower-'));
      const started = performance.now();
      const model = await exportTinyModel(dir);
      console.info(`user tower export took ${((performance.now() - started) / 1000).toFixed(1)} s`);
      const weightsPath = model.safetensors;
      encoder = await loadInProcessUserEncoder(weightsPath);
      examples = JSON.parse(await readFile(model.examples, 'utf-8')) as Example[];
      const ids = (await readSafetensors(weightsPath)).tensors.get('movie_ids')?.data;
      knownIds = Array.from(ids ?? []);
    }, 180_000);

    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('reads the metadata', () => {
      expect(encoder.historyLength).toBe(HISTORY_LENGTH);
      expect(encoder.dimension).toBe(TINY_OUTPUT_DIM);
      expect(encoder.name).toBe('in-process-user-tower@1');
      expect(knownIds.length).toBeGreaterThan(HISTORY_LENGTH + 2);
    });

    it('matches the SavedModel on every golden example', async () => {
      expect(examples).toHaveLength(3);
      const got = await encoder.encode(examples.map((e) => history(e.history_movie_ids, e.history_ratings)));
      got.forEach((embedding, i) => {
        expect(embedding).toBeInstanceOf(Float32Array);
        expect(maxAbsDiff(embedding, examples[i]!.embedding)).toBeLessThan(1e-4);
        expect(maxAbsDiff(embedding, examples[i]!.embedding)).toBeLessThan(1e-5); // docs/model.md's bound
      });
    });

    it('gives unit-norm embeddings', async () => {
      const histories = [history(knownIds.slice(0, 3), [4, 2.5, 5]), history(knownIds.slice(3, 9), [1, 1, 0.5, 3, 3.5, 4]), []];
      for (const embedding of await encoder.encode(histories)) expect(norm(embedding)).toBeCloseTo(1, 5);
    });

    it('ignores padding and unknown ids', async () => {
      const base = history(knownIds.slice(0, 4), [5, 3, 4.5, 2]);
      const unknownId = Math.max(...knownIds) + 1;
      const noisy = [{ movieId: 0, rating: 5 }, base[0]!, { movieId: unknownId, rating: 1 }, ...base.slice(1), { movieId: 0, rating: 0 }];
      const [a, b] = await encoder.encode([base, noisy]);
      expect(maxAbsDiff(a!, b!)).toBe(0);
    });

    it('reads only the last historyLength ratings', async () => {
      const recent = history(knownIds.slice(0, HISTORY_LENGTH), [5, 4, 3, 2, 1, 4.5, 3.5, 0.5]);
      const older = history(knownIds.slice(HISTORY_LENGTH, HISTORY_LENGTH + 3), [5, 5, 5]);
      const [alone, truncated, oneMore] = await encoder.encode([recent, [...older, ...recent], [...older.slice(-1), ...recent.slice(1)]]);
      expect(maxAbsDiff(alone!, truncated!)).toBe(0);
      expect(maxAbsDiff(alone!, oneMore!)).toBeGreaterThan(1e-4); // a change inside the window counts
    });

    it('gives an empty history the SavedModel\'s "no history" embedding', async () => {
      const empty = examples[2]!;
      expect(empty.history_movie_ids).toEqual([0]);
      const [none, padOnly, unknownOnly] = await encoder.encode([[], [{ movieId: 0, rating: 0 }], [{ movieId: Math.max(...knownIds) + 1, rating: 4 }]]);
      for (const embedding of [none!, padOnly!, unknownOnly!]) expect(maxAbsDiff(embedding, empty.embedding)).toBeLessThan(1e-5);
    });
  },
);
