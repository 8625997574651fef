/** The whole API in one app (the local server; tests): every endpoint group plus the system routes. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { newApp } from './app.js';
import { createMoviesApp } from './movies.js';
import { createRecommendationsApp } from './recommendations.js';
import type { AppServices } from './services.js';
import { createSystemApp } from './system.js';
import { createUsersApp } from './users.js';

/** The endpoint groups, each of which is also its own Lambda function. */
export function endpointGroups(services: AppServices) {
  return {
    users: createUsersApp(services),
    recommendations: createRecommendationsApp(services),
    movies: createMoviesApp(services),
  };
}

/** Every group's routes on one app (what the OpenAPI document describes). */
export function documentedApi(services: AppServices): OpenAPIHono {
  const app = newApp(services.log);
  for (const group of Object.values(endpointGroups(services))) app.route('/', group);
  return app;
}

export function createApi(services: AppServices): OpenAPIHono {
  const app = documentedApi(services);
  app.route(
    '/',
    createSystemApp(services, () => app),
  );
  return app;
}
