/**
 * The personal rows and Similar: user-tower embedding → nearest movies, with a reason per movie.
 * When the index is down, the personal rows fall back to Trending and say so.
 */
import type { CatalogStore, MovieRecord } from '../catalog/catalog.port.js';
import { CodedError } from '../errors.js';
import type { Logger } from '../logger.port.js';
import { pageOfRanked, type PageRequest } from '../paging.js';
import { createHistoryCache } from '../users/history-cache.js';
import type { HistoryEntry, UserStore } from '../users/users.port.js';
import type { ResilientIndex } from './fallback-index.js';
import { createPicksCache } from './picks-cache.js';
import type { PopularLists } from './popular.js';
import {
  hydrate,
  type ListSource,
  notDegraded,
  PLAIN_SOURCE,
  type Recommendation,
  type RecommendationPage,
  stars,
  fetchWindow,
} from './recommendation.js';
import type { RatedMovie } from './user-encoder.port.js';
import type { VectorQuery } from './vector-index.port.js';
import { createClosestRows } from '../vector-math/closest-rows.js';

/** The encoder chain as the recommender uses it (TF Serving/SageMaker → in-process → weighted average). */
export interface PersonalEncoder {
  encodeDetailed(
    histories: RatedMovie[][],
  ): Promise<{ embeddings: Float32Array[]; encoder: string; degraded: boolean }>;
}

export interface RecommenderDeps {
  users: UserStore;
  catalog: CatalogStore;
  index: ResilientIndex;
  encoder: PersonalEncoder;
  popular: PopularLists;
  /** Ratings the user tower reads (the model's history length). */
  historyLength: number;
  /** How long finished personal lists are kept (0: not at all); a rating invalidates at once. */
  cacheSeconds: number;
  log: Logger;
}

export interface BecauseRow {
  because: MovieRecord;
  rating: number;
  items: Recommendation[];
}

/** Ratings at or above this count as "liked" for reasons and Because You Watched. */
const LIKED = 4;

/** Bounds on memory: ratings across cached histories, and finished lists. */
const CACHED_RATINGS = 1_000_000;
const CACHED_LISTS = 5_000;

export function createRecommender({
  users,
  catalog,
  index,
  encoder,
  popular,
  historyLength,
  cacheSeconds,
  log,
}: RecommenderDeps) {
  const histories = createHistoryCache(users, { maxRatings: CACHED_RATINGS });
  const picks = createPicksCache({ ttlSeconds: cacheSeconds, maxLists: CACHED_LISTS });
  const closestRows = createClosestRows();

  /** A user's list from the cache, or computed from the history at the version just read. */
  async function cachedForUser<T extends { source: ListSource }>(
    userId: number,
    list: string,
    compute: (history: HistoryEntry[]) => Promise<T>,
  ): Promise<T> {
    const version = await histories.version(userId);
    const key = `${userId}:${version}:${list}`;
    return picks.remember(key, async () => compute((await histories.at(userId, version)).entries), notDegraded);
  }

  /** Trending in place of a personal row, with the reason the personal row is missing. */
  async function trendingInstead(page: PageRequest, notice: string, genre?: string): Promise<RecommendationPage> {
    const list = await popular.trending(page, genre);
    return { ...list, source: { ...list.source, degraded: true, notice } };
  }

  /** Every list searches only the movies people can watch (core/catalog/recommendable.ts). */
  const recommendableNear = (query: VectorQuery) => index.searchDetailed({ ...query, recommendableOnly: true });

  async function embed(history: HistoryEntry[]) {
    const { embeddings, encoder: name, degraded } = await encoder.encodeDetailed([history.slice(-historyLength)]);
    return { vector: embeddings[0]!, encoder: name, degraded };
  }

  /**
   * Names the liked movie of the history closest to each pick ("Because you rated Heat 5★"); a
   * generic reason when the vectors cannot be read (the picks themselves are already found).
   */
  async function tasteReasons(history: HistoryEntry[], hits: { movieId: number }[]) {
    const liked = history.filter((h) => h.rating >= LIKED).slice(-historyLength);
    const vectors = await index
      .vectors([...liked.map((h) => h.movieId), ...hits.map((h) => h.movieId)])
      .catch((error: unknown) => {
        if (!(error instanceof CodedError && error.code === 'unavailable')) throw error;
        return new Map<number, Float32Array>();
      });
    const likedMovies = await catalog.moviesByIds(liked.map((h) => h.movieId));
    const candidates = liked.filter((h) => vectors.has(h.movieId));
    const placed = hits.filter((h) => vectors.has(h.movieId));
    const nearest = closestRows(
      candidates.map((h) => vectors.get(h.movieId)!),
      placed.map((h) => vectors.get(h.movieId)!),
    );
    const because = new Map<number, HistoryEntry>();
    placed.forEach((pick, i) => {
      const entry = candidates[nearest[i]!];
      if (entry) because.set(pick.movieId, entry);
    });
    return (movieId: number): string => {
      const entry = because.get(movieId);
      const title = entry && likedMovies.get(entry.movieId)?.title;
      return entry && title ? `Because you rated ${title} ${stars(entry.rating)}` : 'Matches the movies you rated';
    };
  }

  /** User embedding → nearest unrated movies (optionally in a genre). */
  function personal(userId: number, page: PageRequest, genre?: string): Promise<RecommendationPage> {
    const list = `personal:${genre ?? ''}:${page.limit}:${page.offset}`;
    return cachedForUser(userId, list, (history) => personalFrom(history, userId, page, genre));
  }

  async function personalFrom(
    history: HistoryEntry[],
    userId: number,
    page: PageRequest,
    genre?: string,
  ): Promise<RecommendationPage> {
    if (history.length === 0)
      return trendingInstead(page, 'Rate a few movies to get personal picks; showing Trending.', genre);
    let source: ListSource;
    let hits;
    try {
      const { vector, encoder: encoderName, degraded } = await embed(history);
      const found = await recommendableNear({
        vector,
        kind: 'user',
        ...fetchWindow(page),
        genres: genre ? [genre] : undefined,
        excludeMovieIds: history.map((h) => h.movieId),
      });
      hits = found.hits;
      source = { encoder: encoderName, index: found.index, degraded: degraded || found.degraded, notice: null };
    } catch (error) {
      if (!(error instanceof CodedError && error.code === 'unavailable')) throw error;
      log.warn({ userId, error: error.message }, 'personal recommendations unavailable; serving Trending');
      return trendingInstead(
        page,
        'Personal picks are unavailable right now (recommendation backends down); showing Trending.',
        genre,
      );
    }
    const reasonFor = genre ? () => `Picked for you in ${genre}` : await tasteReasons(history, hits);
    const items = await hydrate(catalog, hits, (_movie, hit) => reasonFor(hit.movieId));
    return { ...pageOfRanked(items, page), source };
  }

  async function becauseRows(history: HistoryEntry[], options: { rows: number; limit: number }) {
    const seen = new Set<number>();
    const seeds = [...history]
      .reverse()
      .filter((h) => h.rating >= LIKED && !seen.has(h.movieId) && seen.add(h.movieId))
      .slice(0, options.rows);
    const [vectors, movies] = await Promise.all([
      index.vectors(seeds.map((s) => s.movieId)),
      catalog.moviesByIds(seeds.map((s) => s.movieId)),
    ]);
    const rated = history.map((h) => h.movieId);
    const shown = new Set<number>();
    const rows: BecauseRow[] = [];
    let answeredBy: { index: string; degraded: boolean } = { index: index.name, degraded: false };
    for (const seed of seeds) {
      const movie = movies.get(seed.movieId);
      const vector = vectors.get(seed.movieId);
      if (!movie || !vector) continue;
      // Ask for extra neighbours so rows stay full after removing movies an earlier row showed.
      const found = await recommendableNear({
        vector,
        limit: options.limit * 2,
        excludeMovieIds: [movie.id, ...rated],
      });
      answeredBy = found;
      const items = (await hydrate(catalog, found.hits, () => `Because you watched ${movie.title}`))
        .filter((r) => !shown.has(r.movie.id))
        .slice(0, options.limit);
      items.forEach((r) => shown.add(r.movie.id));
      rows.push({ because: movie, rating: seed.rating, items });
    }
    return { rows, source: { encoder: null, index: answeredBy.index, degraded: answeredBy.degraded, notice: null } };
  }

  async function becauseYouWatchedFrom(
    history: HistoryEntry[],
    userId: number,
    options: { rows: number; limit: number },
  ) {
    try {
      return await becauseRows(history, options);
    } catch (error) {
      if (!(error instanceof CodedError && error.code === 'unavailable')) throw error;
      log.warn({ userId, error: error.message }, 'because-you-watched unavailable');
      return {
        rows: [],
        source: {
          ...PLAIN_SOURCE,
          degraded: true,
          notice: 'These rows are unavailable right now (vector index down).',
        },
      };
    }
  }

  /** Movies nearest to this one (its own vector); a movie without a vector gets its genres' top rated. */
  async function similarTo(tmdbId: number, page: PageRequest, exclude: number[]): Promise<RecommendationPage> {
    const movie = await catalog.movieByTmdbId(tmdbId);
    if (!movie) throw new CodedError('not_found', `no movie with tmdb_id ${tmdbId}`);
    let vector: Float32Array | undefined;
    try {
      vector = (await index.vectors([movie.id])).get(movie.id);
    } catch (error) {
      if (!(error instanceof CodedError && error.code === 'unavailable')) throw error;
      return trendingInstead(page, 'Similar movies are unavailable right now (vector index down); showing Trending.');
    }
    if (!vector) {
      const list = await popular.topRated(page, movie.genres[0]);
      return {
        ...list,
        source: {
          ...list.source,
          degraded: true,
          notice: `${movie.title} has no embedding yet; showing top rated ${movie.genres[0] ?? ''} movies.`,
        },
      };
    }
    const found = await recommendableNear({ vector, ...fetchWindow(page), excludeMovieIds: [movie.id, ...exclude] });
    const items = await hydrate(catalog, found.hits, () => `Similar to ${movie.title}`);
    return {
      ...pageOfRanked(items, page),
      source: { encoder: null, index: found.index, degraded: found.degraded, notice: null },
    };
  }

  return {
    forYou: (userId: number, page: PageRequest) => personal(userId, page),

    /** Personal picks inside one genre; without a user, the genre's top rated. */
    byGenre(genre: string, userId: number | undefined, page: PageRequest): Promise<RecommendationPage> {
      return userId === undefined ? popular.topRated(page, genre) : personal(userId, page, genre);
    },

    /** One row per recent liked movie (most recent first): its nearest neighbours the user has not rated. */
    becauseYouWatched(
      userId: number,
      options: { rows: number; limit: number },
    ): Promise<{ rows: BecauseRow[]; source: ListSource }> {
      return cachedForUser(userId, `because:${options.rows}:${options.limit}`, (history) =>
        becauseYouWatchedFrom(history, userId, options),
      );
    },

    /** Similar movies; with a user, the movies it rated are left out (cached per history version). */
    similar(tmdbId: number, page: PageRequest, excludeUserId?: number): Promise<RecommendationPage> {
      const list = `similar:${tmdbId}:${page.limit}:${page.offset}`;
      if (excludeUserId === undefined) return picks.remember(list, () => similarTo(tmdbId, page, []), notDegraded);
      return cachedForUser(excludeUserId, list, (history) =>
        similarTo(
          tmdbId,
          page,
          history.map((h) => h.movieId),
        ),
      );
    },
  };
}

export type Recommender = ReturnType<typeof createRecommender>;
