/**
 * Parity of the in-process user tower with a real export: beforeAll trains a tiny model on a
 * synthetic snapshot with the Python package (tf-serving/.venv) and exports it, then the
 * TypeScript encoder must keep the UserEncoder contract against the SavedModel's outputs in
 * user_tower_examples.json.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeUserEncoderContract,
  type GoldenExample,
  maxAbsDiff,
  toHistory,
} from '../../core/recommendations/user-encoder.contract.js';
import { pythonPresent, SKIP_WITHOUT_PYTHON } from '../../testing/python.js';
import { exportTinyModel, TINY_HISTORY_LENGTH as HISTORY_LENGTH, TINY_OUTPUT_DIM } from '../../testing/tiny-model.js';
import { type InProcessUserEncoder, loadInProcessUserEncoder } from './user-tower.js';

const withPython = pythonPresent();

describe.skipIf(!withPython)(`in-process user tower vs a real export${withPython ? '' : SKIP_WITHOUT_PYTHON}`, () => {
  let dir: string;
  let encoder: InProcessUserEncoder;
  let examples: GoldenExample[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'user-tower-'));
    const started = performance.now();
    const model = await exportTinyModel(dir);
    console.info(`user tower export took ${((performance.now() - started) / 1000).toFixed(1)} s`);
    encoder = await loadInProcessUserEncoder(model.safetensors);
    examples = JSON.parse(await readFile(model.examples, 'utf-8')) as GoldenExample[];
  }, 180_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads the metadata', () => {
    expect(encoder.historyLength).toBe(HISTORY_LENGTH);
    expect(encoder.dimension).toBe(TINY_OUTPUT_DIM);
    expect(encoder.name).toBe('in-process-user-tower@1');
  });

  it("matches the SavedModel within docs/model.md's bound (1e-5)", async () => {
    const got = await encoder.encode(examples.map((e) => toHistory(e.history_movie_ids, e.history_ratings)));
    got.forEach((embedding, i) => expect(maxAbsDiff(embedding, examples[i]!.embedding)).toBeLessThan(1e-5));
  });

  describeUserEncoderContract('in-process user tower', async () => ({
    encoder,
    historyLength: HISTORY_LENGTH,
    examples,
  }));
});
