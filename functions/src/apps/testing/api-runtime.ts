/** A runtime over a folder written by writeApiFixture, configured as `npm run cli -- serve` would be. */
import { createLogger } from '../../adapters/logging/logger.js';
import { createRuntime, type Runtime } from '../../composition/runtime.js';
import { loadConfig } from '../../config/env.js';

export function fixtureRuntime(dataDir: string, env: Record<string, string> = {}): Promise<Runtime> {
  const config = loadConfig({ DATA_DIR: dataDir, MODEL_DIR: `${dataDir}/no-model`, LOG_LEVEL: 'silent', ...env });
  return createRuntime(config, createLogger('silent'));
}

/** JSON of a response, typed loosely for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON
export type Json = any;
