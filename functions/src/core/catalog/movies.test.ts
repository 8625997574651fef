/** The metadata fetch-through cache of movie details, over an in-memory catalog and a scripted fetcher. */
import { describe, expect, it } from 'vitest';
import { CodedError } from '../errors.js';
import type { CatalogStore, MetadataFetcher, MovieRecord } from './catalog.port.js';
import type { MovieMetadata } from './movie-metadata.js';
import { createMovieService } from './movies.js';

const NOW = new Date('2026-11-24T00:00:00Z');
const DAY = 86_400_000;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

const metadata = (tmdbId: number, title: string): MovieMetadata => ({
  tmdbId,
  imdbId: null,
  title,
  year: 1999,
  genres: ['Sci-Fi'],
  overview: 'fresh',
  tagline: null,
  runtime: 136,
  posterPath: '/p.jpg',
  backdropPath: null,
  voteAverage: 8,
  voteCount: 100,
  popularity: 1,
  keywords: [],
});

const record = (tmdbId: number, source: MovieRecord['metadataSource'], fetchedDaysAgo: number | null): MovieRecord => ({
  ...metadata(tmdbId, `Cached ${tmdbId}`),
  id: tmdbId,
  movielensId: null,
  overview: 'cached',
  metadataSource: source,
  metadataFetchedAt: fetchedDaysAgo === null ? null : new Date(NOW.getTime() - fetchedDaysAgo * DAY),
});

function world(movies: MovieRecord[], answer: (tmdbId: number) => Promise<MovieMetadata | null>) {
  const rows = new Map(movies.map((m) => [m.tmdbId!, m]));
  const fetched: number[] = [];
  const catalog = {
    movieByTmdbId: async (id: number) => rows.get(id) ?? null,
    saveApiMetadata: async (items: readonly MovieMetadata[]) => {
      for (const m of items)
        rows.set(m.tmdbId, { ...rows.get(m.tmdbId)!, ...m, metadataSource: 'tmdb', metadataFetchedAt: NOW });
    },
    addTmdbMovie: async (m: MovieMetadata) => {
      const row = { ...record(m.tmdbId, 'tmdb', 0), ...m };
      rows.set(m.tmdbId, row);
      return row;
    },
  } as Partial<CatalogStore> as CatalogStore;
  const fetcher: MetadataFetcher = { name: 'tmdb-api', fetchMovie: (id) => (fetched.push(id), answer(id)) };
  return { service: createMovieService({ catalog, fetcher, ttlDays: 30, log: silent, now: () => NOW }), fetched };
}

describe('movie details through the metadata cache', () => {
  it('serves fresh API metadata from the cache without fetching', async () => {
    const { service, fetched } = world([record(1, 'tmdb', 3)], async () => metadata(1, 'API'));
    expect((await service.details(1)).title).toBe('Cached 1');
    expect(fetched).toEqual([]);
  });

  it('fetches, stores and returns metadata that is missing, from the snapshot or stale', async () => {
    const { service, fetched } = world([record(1, 'snapshot', null), record(2, 'tmdb', 45)], async (id) =>
      metadata(id, `API ${id}`),
    );
    expect(await service.details(1)).toMatchObject({ title: 'API 1', metadataSource: 'tmdb' });
    expect(await service.details(2)).toMatchObject({ title: 'API 2', overview: 'fresh' });
    expect(await service.details(3)).toMatchObject({ title: 'API 3' }); // unknown here: added on demand
    expect(fetched).toEqual([1, 2, 3]);
    await service.details(1);
    expect(fetched).toEqual([1, 2, 3]); // now cached
  });

  it('falls back to what the database has when the API fails, and says so when it has nothing', async () => {
    const { service } = world([record(1, 'snapshot', null)], async () =>
      Promise.reject(new CodedError('unavailable', 'TMDB timed out')),
    );
    expect(await service.details(1)).toMatchObject({ title: 'Cached 1', overview: 'cached' });
    await expect(service.details(9)).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('is not found when neither the database nor TMDB knows the id', async () => {
    const { service } = world([], async () => null);
    await expect(service.details(9)).rejects.toMatchObject({ code: 'not_found' });
  });
});
