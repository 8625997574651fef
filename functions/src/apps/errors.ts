/**
 * One place maps errors to HTTP: coded core errors to their status, validation failures to 400 with
 * every issue named, unknown routes to 404 (405 with Allow for a known path's undeclared method),
 * anything else to a 500 that reveals nothing (and is logged).
 */
import type { Hook } from '@hono/zod-openapi';
import type { Context, Env } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { CodedError, type ErrorCode } from '../core/errors.js';
import type { Logger } from '../core/logger.port.js';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  unavailable: 503,
};

interface Issue {
  path: string;
  message: string;
}

export function errorBody(code: ErrorCode | 'method_not_allowed' | 'internal', message: string, issues?: Issue[]) {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}

function issuesOf(error: ZodError, target: string): Issue[] {
  return error.issues.map((issue) => ({ path: [target, ...issue.path.map(String)].join('.'), message: issue.message }));
}

/** zod-openapi's hook: a request that fails its schema gets 400 naming each bad field. */
export const validationHook: Hook<unknown, Env, string, unknown> = (result, c) => {
  if (result.success) return;
  // Hono calls a JSON body's target 'json'; users know it as the body.
  const issues = issuesOf(result.error as ZodError, result.target === 'json' ? 'body' : result.target);
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return c.json(errorBody('invalid_input', summary, issues), 400);
};

export function errorHandler(log: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof CodedError) {
      const status = STATUS[error.code];
      if (status >= 500) log.warn({ path: c.req.path, code: error.code, error: error.message }, 'request degraded');
      return c.json(errorBody(error.code, error.message), status);
    }
    if (error instanceof HTTPException) {
      // Hono raises these for malformed bodies (e.g. invalid JSON) before validation runs.
      const status = error.status;
      return c.json(
        errorBody(status >= 500 ? 'internal' : 'invalid_input', error.message || 'malformed request'),
        status,
      );
    }
    log.error({ path: c.req.path, method: c.req.method, error: error.message, stack: error.stack }, 'unhandled error');
    return c.json(errorBody('internal', 'internal error'), 500);
  };
}

interface RouteEntry {
  method: string;
  path: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A route path ("/api/movies/:tmdb_id/") as a pattern that matches its request paths. */
const pathPattern = (path: string) =>
  new RegExp(
    `^${path
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : escapeRegExp(part)))
      .join('/')}$`,
  );

/**
 * The methods routes declare for a request path. Middleware ('ALL') and catch-all paths (the SPA's
 * '*') declare nothing; a GET also answers HEAD.
 */
function allowedMethods(routes: readonly RouteEntry[], path: string): string[] {
  const methods = new Set(
    routes
      .filter((r) => r.method !== 'ALL' && !r.path.includes('*') && pathPattern(r.path).test(path))
      .map((r) => r.method),
  );
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

/**
 * Unknown path (or a handler that found nothing, e.g. an unknown docs asset): 404. Known path,
 * undeclared method: 405 with the Allow header HTTP asks for.
 */
export const notFoundHandler = (routes: () => readonly RouteEntry[]) => (c: Context) => {
  const allowed = allowedMethods(routes(), c.req.path);
  if (allowed.length === 0 || allowed.includes(c.req.method))
    return c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404);
  c.header('Allow', allowed.join(', '));
  return c.json(
    errorBody('method_not_allowed', `${c.req.method} is not allowed on ${c.req.path} (allowed: ${allowed.join(', ')})`),
    405,
  );
};
