/** Lambda: /api/movies/* and /api/genres/ (the database and TMDB only) */
import { createMoviesApp } from '../apps/movies.js';
import type { MoviesServices } from '../apps/services.js';
import { openDeployedStores, servicesFromEnv } from '../composition/lambda.js';
import { movieServiceOf, userServiceOf } from '../composition/parts.js';
import type { AppConfig } from '../config/env.js';
import type { Logger } from '../core/logger.port.js';
import { httpHandler } from './http-handler.js';

export async function buildMoviesServices(config: AppConfig, log: Logger): Promise<MoviesServices> {
  const stores = await openDeployedStores(config, log);
  return {
    movies: movieServiceOf(config, stores, log),
    users: userServiceOf(config, stores),
    userStore: stores.userStore,
    log,
  };
}

export const handler = httpHandler(createMoviesApp, servicesFromEnv(buildMoviesServices));
