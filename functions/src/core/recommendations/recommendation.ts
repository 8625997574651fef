/** What every recommendation row returns, and the helpers that build it from index hits. */
import type { CatalogStore, MovieRecord } from '../catalog/catalog.port.js';
import type { PageRequest, Paged } from '../paging.js';
import type { ScoredMovieId } from './vector-index.port.js';

export interface Recommendation {
  movie: MovieRecord;
  score: number;
  /** Why this movie is here, in words for the user ("Because you watched Heat"). */
  reason: string;
}

/** Which backends produced a list, and what the user should know when it is a fallback. */
export interface ListSource {
  encoder: string | null;
  index: string | null;
  degraded: boolean;
  notice: string | null;
}

export type RecommendationPage = Paged<Recommendation> & { source: ListSource };

export const PLAIN_SOURCE: ListSource = { encoder: null, index: null, degraded: false, notice: null };

/** Whether a list may be cached: fallbacks are not, so a recovered backend shows at once. */
export const notDegraded = (list: { source: ListSource }) => !list.source.degraded;

/** Turns ranked hits into recommendations, keeping rank order and dropping ids the catalog lacks. */
export async function hydrate(
  catalog: CatalogStore,
  hits: readonly ScoredMovieId[],
  reason: (movie: MovieRecord, hit: ScoredMovieId) => string,
): Promise<Recommendation[]> {
  const movies = await catalog.moviesByIds(hits.map((h) => h.movieId));
  return hits.flatMap((hit) => {
    const movie = movies.get(hit.movieId);
    return movie ? [{ movie, score: hit.score, reason: reason(movie, hit) }] : [];
  });
}

/** The query window for a page: one more than the limit, so the page knows whether more follow. */
export const fetchWindow = (page: PageRequest) => ({ limit: page.limit + 1, offset: page.offset });

export const stars = (rating: number) => `${Number.isInteger(rating) ? rating.toFixed(0) : rating.toFixed(1)}★`;
