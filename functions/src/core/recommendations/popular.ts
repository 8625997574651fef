/**
 * Lists that need no user embedding: Trending (the scheduled job's list), Top Rated, and the seed
 * movies for onboarding (popular, well rated, spread across the chosen genres).
 */
import type { CatalogStore, RatedMovieRecord } from '../catalog/catalog.port.js';
import { pageOf, type PageRequest } from '../paging.js';
import { createPicksCache } from './picks-cache.js';
import { notDegraded, type Recommendation, type RecommendationPage, PLAIN_SOURCE, stars } from './recommendation.js';
import type { TrendingStore } from '../trending/trending.port.js';

/** A movie needs this many ratings to be listed as well rated (the Bayesian average does the rest). */
export const MIN_RATINGS_FOR_TOP = 5;

export interface PopularListsDeps {
  catalog: CatalogStore;
  trending: Pick<TrendingStore, 'latest'>;
  /**
   * How long a finished list is reused (0: not at all). These lists change only when a load or the
   * Trending job runs, so a new one shows within this time.
   */
  cacheSeconds: number;
}

/** Distinct popular lists kept: genres × pages × the seed's genre combinations. */
const CACHED_LISTS = 2_000;

const topRatedReason = (m: RatedMovieRecord) => `Rated ${stars(m.averageRating)} on average by ${m.ratingCount} people`;

export function createPopularLists({ catalog, trending, cacheSeconds }: PopularListsDeps) {
  const lists = createPicksCache({ ttlSeconds: cacheSeconds, maxLists: CACHED_LISTS });
  const always = () => true;

  async function topRated(page: PageRequest, genre?: string): Promise<RecommendationPage> {
    const found = await catalog.topRated({
      ...page,
      genres: genre ? [genre] : undefined,
      minRatings: MIN_RATINGS_FOR_TOP,
    });
    const reason = genre
      ? (m: RatedMovieRecord) => `Top rated in ${genre}: ${stars(m.averageRating)} from ${m.ratingCount} ratings`
      : topRatedReason;
    const items = found.items.map((m) => ({ movie: m, score: m.averageRating, reason: reason(m) }));
    return { ...found, items, source: PLAIN_SOURCE };
  }

  async function trendingList(page: PageRequest, genre?: string): Promise<RecommendationPage> {
    const latest = await trending.latest({ ...page, genre });
    const { snapshot } = latest;
    if (snapshot === null) {
      const fallback = await topRated(page, genre);
      return {
        ...fallback,
        source: {
          ...PLAIN_SOURCE,
          degraded: true,
          notice: 'No Trending list has been computed yet (run trending-refresh); showing Top Rated.',
        },
      };
    }
    const windowDays = Math.round((snapshot.windowEnd.getTime() - snapshot.windowStart.getTime()) / 86_400_000);
    const movies = await catalog.moviesByIds(latest.items.map((i) => i.movieId));
    const where = genre ? ` in ${genre}` : '';
    const items: Recommendation[] = latest.items.flatMap((entry) => {
      const movie = movies.get(entry.movieId);
      const reason = `Trending${where}: ${entry.ratingCount} ratings in the last ${windowDays} days of activity`;
      return movie ? [{ movie, score: entry.score, reason }] : [];
    });
    return { ...pageOf(items, page, latest.total), source: PLAIN_SOURCE };
  }

  const pageKey = (page: PageRequest, genre?: string) => `${genre ?? ''}:${page.limit}:${page.offset}`;
  const cachedTopRated = (page: PageRequest, genre?: string) =>
    lists.remember(`top:${pageKey(page, genre)}`, () => topRated(page, genre), always);

  /**
   * Onboarding candidates: each chosen genre's top-rated movies taken in turns, so every genre is
   * represented near the top; without genres, the overall top rated.
   */
  async function seedMovies(genres: readonly string[], limit: number): Promise<Recommendation[]> {
    if (genres.length === 0) return (await cachedTopRated({ limit, offset: 0 })).items;
    // Each genre's list is cached on its own, so any combination of genres is assembled in memory.
    const genreTop = (genre: string) =>
      catalog.topRated({ limit, offset: 0, genres: [genre], minRatings: MIN_RATINGS_FOR_TOP });
    const perGenre = await Promise.all(
      genres.map((genre) => lists.remember(`seed-genre:${genre}:${limit}`, () => genreTop(genre), always)),
    );
    const picked = new Map<number, Recommendation>();
    for (let rank = 0; rank < limit && picked.size < limit; rank++) {
      perGenre.forEach((list, g) => {
        const movie = list.items[rank];
        if (!movie || picked.has(movie.id) || picked.size >= limit) return;
        picked.set(movie.id, {
          movie,
          score: movie.averageRating,
          reason: `Popular in ${genres[g]}: ${stars(movie.averageRating)} from ${movie.ratingCount} ratings`,
        });
      });
    }
    return [...picked.values()];
  }

  return {
    topRated: cachedTopRated,
    trending: (page: PageRequest, genre?: string) =>
      lists.remember(`trending:${pageKey(page, genre)}`, () => trendingList(page, genre), notDegraded),
    seedMovies,
  };
}

export type PopularLists = ReturnType<typeof createPopularLists>;
