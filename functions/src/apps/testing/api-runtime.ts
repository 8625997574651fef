/** A runtime over a folder written by writeApiFixture, configured as `npm run cli -- serve` would be. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createLogger } from '../../adapters/logging/logger.js';
import { createRuntime, type Runtime } from '../../composition/runtime.js';
import { loadConfig } from '../../config/env.js';
import { createApi } from '../api.js';
import { writeApiFixture } from './api-fixture.js';

export function fixtureRuntime(dataDir: string, env: Record<string, string> = {}): Promise<Runtime> {
  const config = loadConfig({ DATA_DIR: dataDir, MODEL_DIR: `${dataDir}/no-model`, LOG_LEVEL: 'silent', ...env });
  return createRuntime(config, createLogger('silent'));
}

export interface ApiWorld {
  dir: string;
  runtime: Runtime;
  api: ReturnType<typeof createApi>;
}

/**
 * The generated world (writeApiFixture, then `extend` when given) served by the whole API for one
 * test file: written before its tests, closed and removed after them. Read the fields inside tests.
 */
export function useApiWorld(extend?: (dir: string) => Promise<void>): ApiWorld {
  const world = {} as ApiWorld;
  beforeAll(async () => {
    world.dir = await mkdtemp(join(tmpdir(), 'api-world-'));
    await writeApiFixture(world.dir);
    await extend?.(world.dir);
    world.runtime = await fixtureRuntime(world.dir);
    world.api = createApi(world.runtime.services);
  }, 60_000);
  afterAll(async () => {
    await world.runtime?.close();
    if (world.dir) await rm(world.dir, { recursive: true, force: true });
  });
  return world;
}

/** JSON of a response, typed loosely for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON
export type Json = any;
