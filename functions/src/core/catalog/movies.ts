/**
 * Movie details, search and genres. Details read through a cache: the database holds snapshot or
 * earlier API metadata; when a TMDB fetcher is configured, missing or stale metadata is fetched,
 * stored and returned, and a failing API falls back to what the database has.
 */
import { CodedError } from '../errors.js';
import type { Logger } from '../logger.port.js';
import { pageOf, type PageRequest, type Paged } from '../paging.js';
import type { CatalogStore, GenreCount, MetadataFetcher, MovieRecord } from './catalog.port.js';

export interface MovieServiceDeps {
  catalog: CatalogStore;
  fetcher: MetadataFetcher | null;
  /** API metadata older than this is fetched again. */
  ttlDays: number;
  log: Logger;
  now?: () => Date;
}

const DAY_MS = 86_400_000;

export function createMovieService({ catalog, fetcher, ttlDays, log, now = () => new Date() }: MovieServiceDeps) {
  const isFresh = (movie: MovieRecord) =>
    movie.metadataSource === 'tmdb' &&
    movie.metadataFetchedAt !== null &&
    now().getTime() - movie.metadataFetchedAt.getTime() < ttlDays * DAY_MS;

  const notFound = (tmdbId: number) => new CodedError('not_found', `no movie with tmdb_id ${tmdbId}`);

  async function fetchThrough(
    tmdbId: number,
    cached: MovieRecord | null,
    source: MetadataFetcher,
  ): Promise<MovieRecord> {
    let fetched;
    try {
      fetched = await source.fetchMovie(tmdbId);
    } catch (error) {
      log.warn({ tmdbId, source: source.name, error: String(error) }, 'metadata fetch failed; serving cached metadata');
      if (cached) return cached;
      throw new CodedError('unavailable', `movie ${tmdbId} is not cached and ${source.name} is unavailable`, {
        cause: error,
      });
    }
    if (!fetched) {
      if (cached) return cached;
      throw notFound(tmdbId);
    }
    if (!cached) return catalog.addTmdbMovie(fetched);
    await catalog.saveApiMetadata([fetched]);
    return (await catalog.movieByTmdbId(tmdbId)) ?? cached;
  }

  return {
    /** The movie with this TMDB id, fetched through the cache when a fetcher is configured. */
    async details(tmdbId: number): Promise<MovieRecord> {
      const cached = await catalog.movieByTmdbId(tmdbId);
      if (cached && (isFresh(cached) || !fetcher)) return cached;
      if (!fetcher) throw notFound(tmdbId);
      return fetchThrough(tmdbId, cached, fetcher);
    },

    async search(query: string, page: PageRequest): Promise<Paged<MovieRecord>> {
      // Spaces alone name no title: nothing matches (as for punctuation alone, which search ignores).
      const trimmed = query.trim();
      return trimmed.length === 0 ? pageOf([], page, 0) : catalog.searchTitles(trimmed, page);
    },

    genres(): Promise<GenreCount[]> {
      return catalog.genres();
    },
  };
}

export type MovieService = ReturnType<typeof createMovieService>;
