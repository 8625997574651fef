/** /api/recommendations: For You, Because You Watched, Similar, By Genre, Trending, Top Rated, seed movies. */
import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { RecommendationPage } from '../core/recommendations/recommendation.js';
import { newApp } from './app.js';
import { cachedJson } from './cached-json.js';
import { movieJson, recommendationJson, recommendationPageJson } from './presenters.js';
import { errorResponses, json, RecommendationPageSchema } from './schemas/common.js';
import {
  BecauseYouWatchedQuery,
  BecauseYouWatchedSchema,
  ByGenreQuery,
  ForYouQuery,
  SeedMoviesQuery,
  SeedMoviesSchema,
  SimilarQuery,
  TrendingQuery,
} from './schemas/recommendations.js';
import type { RecommendationsServices } from './services.js';

const tags = ['recommendations'];
const page = json(RecommendationPageSchema, 'Recommendations, best first, each with a reason');

const pageResponse = (c: Context, result: RecommendationPage) =>
  cachedJson(c, result, () => recommendationPageJson(result));

type QuerySchema = NonNullable<NonNullable<RouteConfig['request']>['query']>;

const route = <Q extends QuerySchema>(
  path: string,
  summary: string,
  query: Q,
  extra: Parameters<typeof errorResponses> = [],
) =>
  createRoute({
    method: 'get',
    path: `/api/recommendations/${path}/`,
    tags,
    summary,
    request: { query },
    responses: { 200: page, ...errorResponses(400, ...extra) },
  });

const forYouRoute = route(
  'for-you',
  "Personal picks: the user tower's embedding → nearest unrated movies",
  ForYouQuery,
  [404],
);
const similarRoute = route('similar', 'Movies nearest to a movie', SimilarQuery, [404]);
const byGenreRoute = route(
  'by-genre',
  'Personal picks inside a genre (top rated in it without a user)',
  ByGenreQuery,
  [404],
);
const trendingRoute = route(
  'trending',
  'Recent rating activity, time-decayed (refreshed by the scheduled job)',
  TrendingQuery,
);
const topRatedRoute = route('top-rated', 'Well-rated popular movies (for visitors not signed in)', TrendingQuery);

const becauseRoute = createRoute({
  method: 'get',
  path: '/api/recommendations/because-you-watched/',
  tags,
  summary: "Rows of neighbours of the user's recent highly rated movies",
  request: { query: BecauseYouWatchedQuery },
  responses: { 200: json(BecauseYouWatchedSchema, 'One row per recent liked movie'), ...errorResponses(400, 404) },
});

const seedRoute = createRoute({
  method: 'get',
  path: '/api/recommendations/seed-movies/',
  tags,
  summary: 'Onboarding candidates: popular, well rated, spread across the chosen genres',
  request: { query: SeedMoviesQuery },
  responses: { 200: json(SeedMoviesSchema, 'Movies to rate'), ...errorResponses(400) },
});

export function createRecommendationsApp(services: RecommendationsServices) {
  const { recommender, popular } = services;
  return newApp(services.log)
    .openapi(forYouRoute, async (c) => {
      const { user_id, ...paging } = c.req.valid('query');
      return pageResponse(c, await recommender.forYou(user_id, paging));
    })
    .openapi(becauseRoute, async (c) => {
      const q = c.req.valid('query');
      const result = await recommender.becauseYouWatched(q.user_id, { rows: q.rows, limit: q.limit });
      const present = () => ({
        rows: result.rows.map((r) => ({
          because: movieJson(r.because),
          rating: r.rating,
          items: r.items.map(recommendationJson),
        })),
        source: result.source,
      });
      return cachedJson(c, result, present);
    })
    .openapi(similarRoute, async (c) => {
      const { tmdb_id, user_id, ...paging } = c.req.valid('query');
      return pageResponse(c, await recommender.similar(tmdb_id, paging, user_id));
    })
    .openapi(byGenreRoute, async (c) => {
      const { genre, user_id, ...paging } = c.req.valid('query');
      return pageResponse(c, await recommender.byGenre(genre, user_id, paging));
    })
    .openapi(trendingRoute, async (c) => {
      const { genre, ...paging } = c.req.valid('query');
      return pageResponse(c, await popular.trending(paging, genre));
    })
    .openapi(topRatedRoute, async (c) => {
      const { genre, ...paging } = c.req.valid('query');
      return pageResponse(c, await popular.topRated(paging, genre));
    })
    .openapi(seedRoute, async (c) => {
      const q = c.req.valid('query');
      // Duplicates are schema-valid ("Comedy,Comedy"); each genre counts once.
      const items = await popular.seedMovies([...new Set(q.genres ?? [])], q.limit);
      return cachedJson(c, items, () => ({ items: items.map(recommendationJson) }));
    });
}
