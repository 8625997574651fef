/**
 * The composition root of the local server: reads validated config, opens the database, picks
 * every adapter (embedded by default, real services by env var) and hands the core's services to
 * the HTTP apps, once per process. A Lambda function builds only its endpoint group's part of it
 * (lambda/*.ts) from the same pieces (parts.ts).
 */
import type { AppServices } from '../apps/services.js';
import { createLogger } from '../adapters/logging/logger.js';
import type { Db } from '../adapters/postgres/database.js';
import type { AppConfig } from '../config/env.js';
import type { Logger } from '../core/logger.port.js';
import { movieServiceOf, popularListsOf, statusOf, userServiceOf } from './parts.js';
import { recommendationBackendsOf, recommenderOf } from './recommendation-backends.js';
import { openStores } from './stores.js';

export interface Runtime {
  services: AppServices;
  db: Db;
  log: Logger;
  close(): Promise<void>;
}

export async function createRuntime(config: AppConfig, log: Logger = createLogger(config.logLevel)): Promise<Runtime> {
  const stores = await openStores(config, log);
  const backends = await recommendationBackendsOf(config, log);
  const popular = popularListsOf(config, stores);
  const services: AppServices = {
    users: userServiceOf(config, stores),
    userStore: stores.userStore,
    movies: movieServiceOf(config, stores, log),
    recommender: recommenderOf(config, stores, popular, backends, log),
    popular,
    status: statusOf(config, stores, () =>
      Promise.resolve({ indexes: backends.index.backends, encoders: backends.encoders }),
    ),
    log,
  };
  return { services, db: stores.db, log, close: () => stores.db.destroy() };
}
