/** Every endpoint group's Hono app starts the same way: validation, error mapping, JSON 404s and 405s. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { appendTrailingSlash } from 'hono/trailing-slash';
import type { Logger } from '../core/logger.port.js';
import { errorHandler, notFoundHandler, validationHook } from './errors.js';

export function newApp(log: Logger): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  // The seed's paths end with a slash; a GET without it is redirected rather than lost.
  app.use('*', appendTrailingSlash());
  app.onError(errorHandler(log));
  // Read at request time: routes mounted later (app.route) count too.
  app.notFound(notFoundHandler(() => app.routes));
  return app;
}

/** The bearer token of a request, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
