/**
 * GET requests to the TMDB API with auth, a timeout per attempt, retries with backoff, a
 * concurrency limit and a rate limit, and response validation. Errors leave as CodedError.
 */
import pLimit from 'p-limit';
import { z } from 'zod';
import { CodedError, type ErrorCode } from '../../core/errors.js';
import { describeNetworkError } from '../http/network-error.js';
import type { Clock, RateLimiter, Sleep } from './rate-limit.js';
import { errorBodySchema } from './schemas.js';

export type TmdbAuth = { kind: 'apiKey'; apiKey: string } | { kind: 'bearer'; token: string };

export interface TmdbHttpOptions {
  baseUrl: string;
  auth: TmdbAuth;
  timeoutMs: number;
  maxRetries: number;
  concurrency: number;
  rateLimiter: RateLimiter;
  fetch: typeof globalThis.fetch;
  sleep: Sleep;
  now: Clock;
  /** In [0, 1); jitters the backoff so many clients do not retry in lockstep. */
  random: () => number;
  /** First backoff delay; it doubles on each retry. */
  retryBaseDelayMs: number;
  /** Cap for backoff delays and for a server's Retry-After. */
  maxRetryDelayMs: number;
}

export type Query = Record<string, string | number | undefined>;

export interface TmdbHttp {
  /** The validated body; 404 → CodedError('not_found'). */
  get<T>(path: string, query: Query, schema: z.ZodType<T>): Promise<T>;
  /** The validated body, or null on 404. */
  getOrNull<T>(path: string, query: Query, schema: z.ZodType<T>): Promise<T | null>;
}

type Attempt =
  | { kind: 'ok'; body: string }
  | { kind: 'notFound' }
  | { kind: 'retry'; reason: string; retryAfterMs: number | null; cause?: unknown };

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  if (header === null || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

const CODE_BY_STATUS: Record<number, ErrorCode> = { 400: 'invalid_input', 403: 'forbidden', 422: 'invalid_input' };

function statusMessage(body: string): string {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(body));
    if (parsed.success) return parsed.data.status_message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.slice(0, 200);
}

export function createTmdbHttp(o: TmdbHttpOptions): TmdbHttp {
  const limit = pLimit(o.concurrency);
  const base = o.baseUrl.replace(/\/+$/, '');

  function buildRequest(path: string, query: Query): { url: string; init: RequestInit } {
    const url = new URL(base + path);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (o.auth.kind === 'apiKey') url.searchParams.set('api_key', o.auth.apiKey);
    else headers['authorization'] = `Bearer ${o.auth.token}`;
    return { url: url.toString(), init: { headers } };
  }

  async function attempt(label: string, url: string, init: RequestInit): Promise<Attempt> {
    let response: Response;
    let body: string;
    try {
      // The timeout covers reading the body too: a stalled stream is as bad as no answer.
      response = await o.fetch(url, { ...init, signal: AbortSignal.timeout(o.timeoutMs) });
      body = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      const reason = timedOut ? `timed out after ${o.timeoutMs} ms` : `network error: ${describeNetworkError(error)}`;
      return { kind: 'retry', reason, retryAfterMs: null, cause: error };
    }
    const { status } = response;
    if (status >= 200 && status < 300) return { kind: 'ok', body };
    if (status === 404) return { kind: 'notFound' };
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), o.now());
      return { kind: 'retry', reason: 'HTTP 429 (rate limited)', retryAfterMs };
    }
    if (status >= 500) return { kind: 'retry', reason: `HTTP ${status}`, retryAfterMs: null };
    if (status === 401) {
      throw new CodedError(
        'unauthorized',
        `TMDB rejected the API key or read token (HTTP 401 on ${label}): ${statusMessage(body)}`,
      );
    }
    throw new CodedError(
      CODE_BY_STATUS[status] ?? 'unavailable',
      `TMDB ${label}: HTTP ${status}: ${statusMessage(body)}`,
    );
  }

  function backoffMs(retry: number): number {
    const delay = Math.min(o.maxRetryDelayMs, o.retryBaseDelayMs * 2 ** retry);
    return delay / 2 + (o.random() * delay) / 2; // "equal jitter": at least half the delay
  }

  async function request(path: string, query: Query): Promise<{ label: string; body: string } | null> {
    // The label names the endpoint without the query, which may hold the API key.
    const label = `GET ${path}`;
    const { url, init } = buildRequest(path, query);
    for (let retry = 0; ; retry++) {
      await o.rateLimiter.acquire();
      const outcome = await attempt(label, url, init);
      if (outcome.kind === 'ok') return { label, body: outcome.body };
      if (outcome.kind === 'notFound') return null;
      if (retry >= o.maxRetries) {
        throw new CodedError('unavailable', `TMDB ${label} failed after ${retry + 1} attempt(s): ${outcome.reason}`, {
          cause: outcome.cause,
        });
      }
      if (outcome.retryAfterMs === null) {
        await o.sleep(backoffMs(retry));
      } else {
        // A 429 is about the whole client, not this request: pause everyone, then queue for a slot.
        o.rateLimiter.pauseFor(Math.min(outcome.retryAfterMs, o.maxRetryDelayMs));
      }
    }
  }

  function validate<T>(label: string, body: string, schema: z.ZodType<T>): T {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new CodedError('unavailable', `TMDB ${label} returned a body that is not JSON: ${body.slice(0, 120)}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new CodedError(
        'unavailable',
        `TMDB ${label} returned an unexpected response (has the API changed?): ${z.prettifyError(parsed.error)}`,
      );
    }
    return parsed.data;
  }

  async function getOrNull<T>(path: string, query: Query, schema: z.ZodType<T>): Promise<T | null> {
    // The concurrency slot is held through retries and their waits: that is the backpressure.
    return limit(async () => {
      const result = await request(path, query);
      return result === null ? null : validate(result.label, result.body, schema);
    });
  }

  return {
    getOrNull,
    async get(path, query, schema) {
      const result = await getOrNull(path, query, schema);
      if (result === null) throw new CodedError('not_found', `TMDB GET ${path}: HTTP 404`);
      return result;
    },
  };
}
