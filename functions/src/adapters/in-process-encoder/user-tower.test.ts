/**
 * Parity of the in-process user tower with a real export: beforeAll trains a tiny model on a
 * synthetic snapshot with the Python package (tf-serving/.venv) and exports it, then the
 * TypeScript encoder must reproduce the SavedModel's outputs in user_tower_examples.json.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RatedMovie } from '../../core/recommendations/user-encoder.port.js';
import { readSafetensors } from './safetensors.js';
import { type InProcessUserEncoder, loadInProcessUserEncoder } from './user-tower.js';

const tfServing = fileURLToPath(new URL('../../../../tf-serving/', import.meta.url));
const python = join(tfServing, '.venv', 'bin', 'python');
const pythonPresent = existsSync(python);
const HISTORY_LENGTH = 8;

// A tiny model (as in export_test.py), random seeded text embeddings; argv[1] = output folder.
const EXPORT_SCRIPT = `
import sys
import numpy as np
from movierec_model.data import load_snapshot
from movierec_model.export import export_run
from movierec_model.testing import synthetic_snapshot
from movierec_model.train import TwoTowerConfig, train_two_tower
out = sys.argv[1]
snapshot = load_snapshot(synthetic_snapshot(out + "/snapshot", n_users=40, n_movies=30, per_user=12, n_tmdb_only=4))
text = np.random.default_rng(0).normal(size=(len(snapshot.catalog), 384)).astype(np.float32)
text /= np.linalg.norm(text, axis=1, keepdims=True)
# Leave out one movie's ratings: the exported user tower must not know it.
train = snapshot.ratings.subset(snapshot.ratings.item != 0)
config = TwoTowerConfig(item_dim=16, hidden=(32,), history_length=${HISTORY_LENGTH}, epochs=1, batch_size=64)
export_run(train_two_tower(train, snapshot.catalog, text, config), snapshot.catalog, out + "/export", 1)
`;

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

describe.skipIf(!pythonPresent && !process.env.CI)(
  `in-process user tower vs a real export${pythonPresent ? '' : ' (skipped: tf-serving/.venv/bin/python missing; see tf-serving/README)'}`,
  () => {
    let dir: string;
    let encoder: InProcessUserEncoder;
    let examples: Example[];
    let knownIds: number[];

    beforeAll(async () => {
      if (!pythonPresent) throw new Error(`CI needs the Python package's venv at ${python} for the user tower parity test`);
      dir = await mkdtemp(join(tmpdir(), 'user-tower-'));
      const started = performance.now();
      await promisify(execFile)(python, ['-c', EXPORT_SCRIPT, dir], {
        cwd: tfServing,
        env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' },
        timeout: 170_000,
        maxBuffer: 16 * 1024 * 1024,
      });
      console.info(`user tower export took ${((performance.now() - started) / 1000).toFixed(1)} s`);
      const weightsPath = join(dir, 'export', 'user_tower.safetensors');
      encoder = await loadInProcessUserEncoder(weightsPath);
      examples = JSON.parse(await readFile(join(dir, 'export', 'user_tower_examples.json'), 'utf-8')) as Example[];
      const ids = (await readSafetensors(weightsPath)).tensors.get('movie_ids')?.data;
      knownIds = Array.from(ids ?? []);
    }, 180_000);

    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('reads the metadata', () => {
      expect(encoder.historyLength).toBe(HISTORY_LENGTH);
      expect(encoder.dimension).toBe(128);
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
