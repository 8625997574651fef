/**
 * The composition root: reads validated config, opens the database, picks every adapter (embedded
 * by default, real services by env var) and hands the core's services to the HTTP apps. Lambda
 * handlers build one runtime per container; the local server builds one per process.
 */
import type { AppServices } from '../apps/services.js';
import { createLogger } from '../adapters/logging/logger.js';
import { openDatabase, type Db } from '../adapters/postgres/database.js';
import { createCatalogStore } from '../adapters/postgres/repositories/catalog.store.js';
import { trendingStore } from '../adapters/postgres/repositories/trending.repository.js';
import { createUserStore } from '../adapters/postgres/repositories/user.store.js';
import { createTmdbMetadataFetcher } from '../adapters/tmdb/metadata-fetcher.js';
import { type AppConfig, loadConfig } from '../config/env.js';
import { createMovieService } from '../core/catalog/movies.js';
import type { Logger } from '../core/logger.port.js';
import { createPopularLists } from '../core/recommendations/popular.js';
import { createRecommender } from '../core/recommendations/recommender.js';
import { withSoleWriterVersions } from '../core/users/sole-writer-versions.js';
import { createUserService } from '../core/users/users.js';
import { encoderFromConfig } from './encoder.js';
import { statusReport } from './status.js';
import { vectorIndexFromConfig } from './vector-index.js';

export interface Runtime {
  services: AppServices;
  db: Db;
  log: Logger;
  close(): Promise<void>;
}

export async function createRuntime(config: AppConfig, log: Logger = createLogger(config.logLevel)): Promise<Runtime> {
  const db = await openDatabase(config.database);
  const catalog = createCatalogStore(db, config.recommendable);
  // Embedded PGlite lives in this process, so every write to it passes through this store.
  const userStore =
    config.database.driver === 'pglite' ? withSoleWriterVersions(createUserStore(db)) : createUserStore(db);
  const index = await vectorIndexFromConfig(config, log);
  const { encoder, chain, historyLength } = await encoderFromConfig(config, index, log);
  const { apiKey, readToken, timeoutMs, metadataTtlDays } = config.tmdb;
  const fetcher = apiKey || readToken ? createTmdbMetadataFetcher({ apiKey, readToken, timeoutMs }) : null;
  const popular = createPopularLists({
    catalog,
    trending: trendingStore(db, config.recommendable),
    cacheSeconds: config.recommendationCacheSeconds,
  });
  const services: AppServices = {
    users: createUserService({ users: userStore, catalog, demoWrites: config.server.demoWrites }),
    userStore,
    movies: createMovieService({ catalog, fetcher, ttlDays: metadataTtlDays, log }),
    recommender: createRecommender({
      users: userStore,
      catalog,
      index,
      encoder,
      popular,
      historyLength,
      cacheSeconds: config.recommendationCacheSeconds,
      log,
    }),
    popular,
    status: () => statusReport({ config, db, indexes: index.backends, encoders: chain, fetcher }),
    log,
  };
  return { services, db, log, close: () => db.destroy() };
}

let shared: Promise<Runtime> | null = null;

/** One runtime per Lambda container, from the environment; created on first use and reused. */
export function runtimeFromEnv(): Promise<Runtime> {
  shared ??= createRuntime(loadConfig(process.env)).catch((error: unknown) => {
    shared = null; // a failed cold start must not poison every later invocation
    throw error;
  });
  return shared;
}
