/** Query shapes of /api/recommendations. */
import { z } from '@hono/zod-openapi';
import {
  boundedInt,
  GenreListParam,
  GenreName,
  MovieSchema,
  PageQuery,
  positiveId,
  RecommendationSchema,
  ListSourceSchema,
} from './common.js';

const userId = positiveId('The user to recommend for.');

export const ForYouQuery = PageQuery.extend({ user_id: userId });

export const BecauseYouWatchedQuery = z.object({
  user_id: userId,
  rows: boundedInt(1, 10).default(3).openapi({ description: 'How many recent liked movies to build rows from.' }),
  limit: boundedInt(1, 50).default(10).openapi({ description: 'Movies per row.' }),
});

export const SimilarQuery = PageQuery.extend({
  tmdb_id: positiveId('The movie to find neighbours of.'),
  user_id: positiveId('Leave out the movies this user rated.').optional(),
});

export const ByGenreQuery = PageQuery.extend({
  genre: GenreName,
  user_id: positiveId("Personal picks for this user; without it, the genre's top rated.").optional(),
});

export const TrendingQuery = PageQuery.extend({ genre: GenreName.optional() });

export const SeedMoviesQuery = z.object({
  genres: GenreListParam('Comma-separated genres chosen during onboarding; without it, every genre.').optional(),
  limit: boundedInt(1, 100).default(24),
});

export const BecauseYouWatchedSchema = z
  .object({
    rows: z.array(z.object({ because: MovieSchema, rating: z.number(), items: z.array(RecommendationSchema) })),
    source: ListSourceSchema,
  })
  .openapi('BecauseYouWatched');

export const SeedMoviesSchema = z.object({ items: z.array(RecommendationSchema) }).openapi('SeedMovies');
