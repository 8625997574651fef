/**
 * The TMDB API as the catalog's metadata fetcher for request-time reads: one quick retry at most,
 * since a user is waiting (the bulk `tmdb fetch-metadata` job retries patiently instead).
 */
import type { MetadataFetcher } from '../../core/catalog/catalog.port.js';
import { createTmdbClient, type TmdbClientOptions } from './client.js';

export function createTmdbMetadataFetcher(
  options: Pick<TmdbClientOptions, 'apiKey' | 'readToken' | 'baseUrl' | 'timeoutMs' | 'fetch'>,
): MetadataFetcher {
  const client = createTmdbClient({ ...options, maxRetries: 1, retryBaseDelayMs: 100, maxRetryDelayMs: 500 });
  return { name: 'tmdb-api', fetchMovie: (tmdbId) => client.movie(tmdbId) };
}
