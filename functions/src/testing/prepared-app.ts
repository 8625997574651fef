/**
 * The app as `npm start` prepares it in .data/ (database, trained model, embedded index), for tests
 * over real data. The database is copied first, so what a test writes never reaches the real one.
 * Absent, the tests skip locally; under CI they fail, since .ci/run prepares it first.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureRuntime } from '../apps/testing/api-runtime.js';
import type { Runtime } from '../composition/runtime.js';

export const PREPARED_DATA_DIR = fileURLToPath(new URL('../../../.data/', import.meta.url));
const MODEL_DIR = join(PREPARED_DATA_DIR, 'runs', 'latest-model');
const REQUIRED = ['pglite', 'index/manifest.json', 'runs/latest-model/user_tower.safetensors'];

/** True when .data/ holds the prepared app; under CI its absence is an error instead. */
export function preparedAppPresent(): boolean {
  if (REQUIRED.every((p) => existsSync(join(PREPARED_DATA_DIR, p)))) return true;
  if (process.env.CI)
    throw new Error(
      `CI needs the prepared app in ${PREPARED_DATA_DIR}: run \`npm start -- --no-serve\` first (.ci/run does)`,
    );
  return false;
}

export interface PreparedApp {
  runtime: Runtime;
  /** Removes the database copy; close the runtime (or the server over it) first. */
  removeCopy(): Promise<void>;
}

/** A runtime over a throwaway copy of the prepared database, with the trained model and index. */
export async function openPreparedApp(env: Record<string, string> = {}): Promise<PreparedApp> {
  const copy = await mkdtemp(join(tmpdir(), 'prepared-app-'));
  await cp(join(PREPARED_DATA_DIR, 'pglite'), join(copy, 'pglite'), { recursive: true });
  const runtime = await fixtureRuntime(copy, { MODEL_DIR, INDEX_DIR: join(PREPARED_DATA_DIR, 'index'), ...env });
  return {
    runtime,
    removeCopy: () => rm(copy, { recursive: true, force: true }),
  };
}
