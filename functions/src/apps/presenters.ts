/** Core records → the API's JSON shapes (snake_case, image URLs). */
import type { z } from '@hono/zod-openapi';
import type { MovieRecord } from '../core/catalog/catalog.port.js';
import type { Paged } from '../core/paging.js';
import type { Recommendation, RecommendationPage } from '../core/recommendations/recommendation.js';
import type { MovieSchema, RecommendationSchema } from './schemas/common.js';

/** TMDB's image CDN; the browser loads posters from it directly. */
const TMDB_IMAGES = 'https://image.tmdb.org/t/p';
const imageUrl = (path: string | null, size: string) =>
  path ? `${TMDB_IMAGES}/${size}${path.startsWith('/') ? '' : '/'}${path}` : null;

export function movieJson(m: MovieRecord): z.infer<typeof MovieSchema> {
  return {
    id: m.id,
    tmdb_id: m.tmdbId,
    movielens_id: m.movielensId,
    title: m.title,
    year: m.year,
    genres: m.genres,
    overview: m.overview,
    poster_url: imageUrl(m.posterPath, 'w342'),
    backdrop_url: imageUrl(m.backdropPath, 'w1280'),
    vote_average: m.voteAverage,
    vote_count: m.voteCount,
  };
}

export function recommendationJson(r: Recommendation): z.infer<typeof RecommendationSchema> {
  return { ...movieJson(r.movie), score: r.score, reason: r.reason };
}

export function pageJson<T, J>(page: Paged<T>, present: (item: T) => J) {
  return {
    items: page.items.map(present),
    limit: page.limit,
    offset: page.offset,
    total: page.total,
    has_more: page.hasMore,
  };
}

export function recommendationPageJson(page: RecommendationPage) {
  return { ...pageJson(page, recommendationJson), source: page.source };
}
