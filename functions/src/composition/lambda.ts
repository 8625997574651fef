/**
 * What every deployed function shares: config from the environment plus the secrets it names, read
 * once per container, and services built on the first invocation. Each endpoint group's handler
 * (lambda/*.ts) builds only what its routes use, from the pieces the local server also uses, so
 * the users and movies functions neither load nor bundle the vector index or the user tower.
 */
import { createLogger } from '../adapters/logging/logger.js';
import { createSecretReader, type SecretReader } from '../adapters/secrets-manager/index.js';
import { type AppConfig, loadConfig } from '../config/env.js';
import type { Logger } from '../core/logger.port.js';
import { onceWithRetry } from './parts.js';
import { withSecrets } from './secret-env.js';
import { openStores } from './stores.js';

/** The config a function runs with: its environment plus the secrets that environment names. */
export async function lambdaConfig(env: NodeJS.ProcessEnv, read: SecretReader = createSecretReader()) {
  return loadConfig(await withSecrets(env, read));
}

// Migrations run from the CLI before a deploy (docs/deployment.md), not on every cold start.
export const openDeployedStores = (config: AppConfig, log: Logger) => openStores(config, log, { migrate: false });

/** A group's services per container, built on the first invocation from the environment. */
export function servicesFromEnv<S>(build: (config: AppConfig, log: Logger) => Promise<S>): () => Promise<S> {
  return onceWithRetry(async () => {
    const config = await lambdaConfig(process.env);
    return build(config, createLogger(config.logLevel));
  });
}
