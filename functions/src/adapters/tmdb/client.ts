/** A typed client for the few TMDB v3 endpoints the catalog needs. */
import { setTimeout as delay } from 'node:timers/promises';
import type { MovieMetadata } from '../../core/catalog/movie-metadata.js';
import { CodedError } from '../../core/errors.js';
import { createTmdbHttp, type TmdbAuth } from './http.js';
import {
  type MovieSearchPage,
  type TmdbImageConfiguration,
  toImageConfiguration,
  toMovieMetadata,
  toSearchPage,
} from './mapping.js';
import { type Clock, createRateLimiter, type Sleep } from './rate-limit.js';
import { configurationSchema, movieDetailsSchema, searchMoviesSchema } from './schemas.js';

export const TMDB_API_BASE_URL = 'https://api.themoviedb.org/3';

export interface TmdbClientOptions {
  /** A v3 API key, sent as the `api_key` query parameter. */
  apiKey?: string;
  /** A v4 read access token, sent as `Authorization: Bearer`. Exactly one of the two is required. */
  readToken?: string;
  baseUrl?: string;
  /** Per attempt, including reading the body. */
  timeoutMs?: number;
  /** Retries after the first attempt, on 429, 5xx, timeouts and network errors. */
  maxRetries?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Request starts per second, across all calls of this client. */
  requestsPerSecond?: number;
  fetch?: typeof globalThis.fetch;
  sleep?: Sleep;
  now?: Clock;
  /** In [0, 1); for the backoff jitter. */
  random?: () => number;
  /** First retry delay without a Retry-After (doubles per retry). */
  retryBaseDelayMs?: number;
  /** Cap on any single wait between attempts. */
  maxRetryDelayMs?: number;
}

export interface SearchMoviesOptions {
  /** Release year filter. */
  year?: number;
  /** 1-based. */
  page?: number;
}

export interface TmdbClient {
  /** The movie with its keywords, or null when TMDB has no such id. */
  movie(tmdbId: number): Promise<MovieMetadata | null>;
  searchMovies(query: string, options?: SearchMoviesOptions): Promise<MovieSearchPage>;
  /** Image base URLs and sizes (cacheable for days). */
  configuration(): Promise<TmdbImageConfiguration>;
}

/** Treats "" (an unset environment variable) as absent. */
function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function chooseAuth(options: TmdbClientOptions): TmdbAuth {
  const apiKey = present(options.apiKey);
  const readToken = present(options.readToken);
  if (apiKey && readToken) {
    throw new CodedError(
      'invalid_input',
      'TMDB client: give either apiKey (TMDB_API_KEY) or readToken (TMDB_READ_TOKEN), not both',
    );
  }
  if (apiKey) return { kind: 'apiKey', apiKey };
  if (readToken) return { kind: 'bearer', token: readToken };
  throw new CodedError(
    'invalid_input',
    'TMDB client: an apiKey (TMDB_API_KEY) or a readToken (TMDB_READ_TOKEN) is required',
  );
}

function requireNumber(name: string, value: number, valid: boolean): number {
  if (!valid) throw new CodedError('invalid_input', `TMDB client: invalid ${name}: ${value}`);
  return value;
}

export function createTmdbClient(options: TmdbClientOptions): TmdbClient {
  const auth = chooseAuth(options);
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxRetries = options.maxRetries ?? 3;
  const concurrency = options.concurrency ?? 8;
  const requestsPerSecond = options.requestsPerSecond ?? 40;
  requireNumber('timeoutMs', timeoutMs, timeoutMs > 0);
  requireNumber('maxRetries', maxRetries, Number.isInteger(maxRetries) && maxRetries >= 0);
  requireNumber('concurrency', concurrency, Number.isInteger(concurrency) && concurrency >= 1);
  requireNumber('requestsPerSecond', requestsPerSecond, requestsPerSecond > 0);

  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const now = options.now ?? Date.now;
  const http = createTmdbHttp({
    baseUrl: options.baseUrl ?? TMDB_API_BASE_URL,
    auth,
    timeoutMs,
    maxRetries,
    concurrency,
    rateLimiter: createRateLimiter({ requestsPerSecond, now, sleep }),
    fetch: options.fetch ?? globalThis.fetch,
    sleep,
    now,
    random: options.random ?? Math.random,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
    maxRetryDelayMs: options.maxRetryDelayMs ?? 30_000,
  });

  return {
    async movie(tmdbId) {
      if (!Number.isInteger(tmdbId) || tmdbId <= 0) {
        throw new CodedError('invalid_input', `TMDB movie id must be a positive integer, got ${tmdbId}`);
      }
      const body = await http.getOrNull(`/movie/${tmdbId}`, { append_to_response: 'keywords' }, movieDetailsSchema);
      return body === null ? null : toMovieMetadata(body);
    },

    async searchMovies(query, { year, page } = {}) {
      if (query.trim() === '') throw new CodedError('invalid_input', 'TMDB search needs a non-empty query');
      const body = await http.get('/search/movie', { query, year, page, include_adult: 'false' }, searchMoviesSchema);
      return toSearchPage(body);
    },

    async configuration() {
      return toImageConfiguration(await http.get('/configuration', {}, configurationSchema));
    },
  };
}
