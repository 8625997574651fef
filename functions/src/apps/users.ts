/** /api/users: the impersonation list, cold-start onboarding, ratings, rating and statistics. */
import { createRoute, z } from '@hono/zod-openapi';
import type { MovieRef } from '../core/catalog/movie-refs.js';
import type { UserAccess } from '../core/users/users.js';
import type { UserRecord } from '../core/users/users.port.js';
import { bearerToken, newApp } from './app.js';
import { cachedJson } from './cached-json.js';
import { movieJson, pageJson } from './presenters.js';
import { errorResponses, json, jsonBody, PageQuery } from './schemas/common.js';
import {
  ColdStartInput,
  ColdStartResult,
  MovieRatingInput,
  RateResult,
  UserIdParam,
  UserListQuery,
  UserRatingPage,
  UserStatisticsSchema,
  UserSummaryPage,
} from './schemas/users.js';
import type { UsersServices } from './services.js';

const tags = ['users'];

const userJson = (u: UserRecord & UserAccess) => ({
  id: u.id,
  kind: u.kind,
  movielens_id: u.movielensId,
  preferred_genres: u.preferredGenres,
  created_at: u.createdAt.toISOString(),
  read_only: u.readOnly,
});

const movieRef = (r: z.infer<typeof MovieRatingInput>): MovieRef =>
  'tmdb_id' in r ? { tmdbId: r.tmdb_id } : { movieId: r.movie_id };

const iso = (d: Date | null) => d?.toISOString() ?? null;

const listRoute = createRoute({
  method: 'get',
  path: '/api/users/',
  tags,
  summary: 'List users to impersonate, with rating counts, distinctive genres and favourite movies',
  request: { query: UserListQuery },
  responses: { 200: json(UserSummaryPage, 'A page of users'), ...errorResponses(400) },
});

const coldStartRoute = createRoute({
  method: 'post',
  path: '/api/users/cold_start/',
  tags,
  summary: 'Create a user from chosen genres and at least five ratings',
  request: { body: jsonBody(ColdStartInput) },
  responses: { 201: json(ColdStartResult, 'The new user and its secret token'), ...errorResponses(400, 422) },
});

const ratingsRoute = createRoute({
  method: 'get',
  path: '/api/users/{id}/ratings/',
  tags,
  summary: "A user's ratings, newest first",
  request: { params: UserIdParam, query: PageQuery },
  responses: { 200: json(UserRatingPage, 'A page of ratings'), ...errorResponses(400, 404) },
});

const rateRoute = createRoute({
  method: 'post',
  path: '/api/users/{id}/rate/',
  tags,
  summary: 'Rate or re-rate a movie as this user',
  description:
    'Cold-start users need their token (Authorization: Bearer). MovieLens users are read-only unless DEMO_WRITES is on.',
  request: { params: UserIdParam, body: jsonBody(MovieRatingInput) },
  responses: {
    200: json(RateResult, 'Rating replaced'),
    201: json(RateResult, 'Rating created'),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

const statisticsRoute = createRoute({
  method: 'get',
  path: '/api/users/{id}/statistics/',
  tags,
  summary: 'Rating distribution, top genres and activity over time',
  request: { params: UserIdParam },
  responses: { 200: json(UserStatisticsSchema, 'Statistics'), ...errorResponses(400, 404) },
});

export function createUsersApp(services: UsersServices) {
  const { users } = services;
  return newApp(services.log)
    .openapi(listRoute, async (c) => {
      const q = c.req.valid('query');
      const page = await users.list({ ...q, search: q.search || undefined });
      return cachedJson(c, page, () =>
        pageJson(page, (u) => ({
          id: u.id,
          kind: u.kind,
          movielens_id: u.movielensId,
          rating_count: u.ratingCount,
          top_genres: u.topGenres,
          favorite_movies: u.favoriteMovies.map(movieJson),
          read_only: u.readOnly,
        })),
      );
    })
    .openapi(coldStartRoute, async (c) => {
      const body = c.req.valid('json');
      const { user, token } = await users.coldStart({
        genres: body.genres,
        ratings: body.ratings.map((r) => ({ movie: movieRef(r), rating: r.rating })),
      });
      return c.json({ user: userJson(user), token }, 201);
    })
    .openapi(ratingsRoute, async (c) => {
      const page = await users.ratings(c.req.valid('param').id, c.req.valid('query'));
      return c.json(
        pageJson(page, (r) => ({ movie: movieJson(r.movie), rating: r.rating, rated_at: r.ratedAt.toISOString() })),
        200,
      );
    })
    .openapi(rateRoute, async (c) => {
      const body = c.req.valid('json');
      const result = await users.rate(c.req.valid('param').id, bearerToken(c.req.header('authorization')), {
        movie: movieRef(body),
        rating: body.rating,
      });
      const payload = {
        user_id: result.user.id,
        movie: movieJson(result.movie),
        rating: result.rating,
        rated_at: result.ratedAt.toISOString(),
        created: result.created,
      };
      return result.created ? c.json(payload, 201) : c.json(payload, 200);
    })
    .openapi(statisticsRoute, async (c) => {
      const { user, statistics: s } = await users.statistics(c.req.valid('param').id);
      return c.json(
        {
          user: userJson(user),
          rating_count: s.ratingCount,
          average_rating: s.averageRating,
          first_rated_at: iso(s.firstRatedAt),
          last_rated_at: iso(s.lastRatedAt),
          distribution: s.distribution,
          top_genres: s.topGenres.map((g) => ({ genre: g.genre, count: g.count, average_rating: g.averageRating })),
          activity: s.activity,
        },
        200,
      );
    });
}
