/**
 * One place maps errors to HTTP: coded core errors to their status, validation failures to 400 with
 * every issue named, unknown routes to 404, anything else to a 500 that reveals nothing (and is logged).
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

export function errorBody(code: ErrorCode | 'internal', message: string, issues?: Issue[]) {
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
      return c.json(errorBody(status >= 500 ? 'internal' : 'invalid_input', error.message || 'malformed request'), status);
    }
    log.error({ path: c.req.path, method: c.req.method, error: error.message, stack: error.stack }, 'unhandled error');
    return c.json(errorBody('internal', 'internal error'), 500);
  };
}

export const notFoundHandler = (c: Context) => c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404);
