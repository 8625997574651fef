/** Request and response shapes of /api/users. */
import { z } from '@hono/zod-openapi';
import { CANONICAL_GENRES } from '../../core/catalog/genres.js';
import { MIN_ONBOARDING_RATINGS } from '../../core/users/users.js';
import { GenreName, MovieSchema, PageQuery, pageSchema, positiveId, positiveIdField } from './common.js';

export const RatingValue = z
  .number()
  .min(0.5)
  .max(5)
  .multipleOf(0.5)
  .openapi({ description: '0.5 to 5 stars in halves.', example: 4.5, multipleOf: 0.5 });

const ratingByTmdbId = z
  .strictObject({ tmdb_id: positiveIdField('TMDB id of the movie.'), rating: RatingValue })
  .openapi('RatingByTmdbId');
const ratingByMovieId = z
  .strictObject({
    movie_id: positiveIdField("The project's movie id (for movies without a TMDB id)."),
    rating: RatingValue,
  })
  .openapi('RatingByMovieId');

/** A movie named by TMDB id or by the project's id: exactly one (no other fields), so the two shapes never overlap. */
export const MovieRatingInput = z
  .union([ratingByTmdbId, ratingByMovieId], { error: 'give exactly one of tmdb_id and movie_id' })
  .openapi('MovieRatingInput');

export const UserListQuery = PageQuery.extend({
  search: z
    .string()
    .max(20)
    .regex(/^\d*$/, 'digits of a user id')
    .optional()
    .openapi({ description: 'A prefix of the user id or MovieLens id.' }),
  kind: z.enum(['movielens', 'cold_start']).optional(),
  sort: z.enum(['id', 'ratings']).default('id').openapi({ description: 'id, or most ratings first.' }),
});

const readOnlyField = z.boolean().openapi({
  description: 'True when nobody may rate as this user here: a MovieLens user while DEMO_WRITES is off.',
});

export const UserSummarySchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(['movielens', 'cold_start']),
    movielens_id: z.number().int().nullable(),
    rating_count: z.number().int(),
    top_genres: z
      .array(z.string())
      .max(3)
      .openapi({
        description:
          "Up to three genres that set the user apart: by lift (the user's share of ratings in the genre over the average " +
          "user's), among genres with at least 3 and 5% of the user's ratings; then by count.",
      }),
    favorite_movies: z
      .array(MovieSchema)
      .max(4)
      .openapi({ description: "The user's best-rated movies (ties: more TMDB votes, then newer), posters first." }),
    read_only: readOnlyField,
  })
  .openapi('UserSummary');

export const UserSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(['movielens', 'cold_start']),
    movielens_id: z.number().int().nullable(),
    preferred_genres: z.array(z.string()),
    created_at: z.string().datetime(),
    read_only: readOnlyField,
  })
  .openapi('User');

export const ColdStartInput = z
  .object({
    genres: z
      .array(GenreName)
      .min(1)
      .max(CANONICAL_GENRES.length)
      .openapi({ description: 'Chosen genres (see /api/genres/).' }),
    ratings: z
      .array(MovieRatingInput)
      .min(MIN_ONBOARDING_RATINGS)
      .max(500)
      .openapi({ description: `At least ${MIN_ONBOARDING_RATINGS} rated movies, each once.` }),
  })
  .openapi('ColdStartInput');

export const ColdStartResult = z
  .object({
    user: UserSchema,
    token: z
      .string()
      .openapi({ description: 'Secret; send as "Authorization: Bearer <token>" to rate as this user. Shown once.' }),
  })
  .openapi('ColdStartResult');

export const UserRatingSchema = z
  .object({ movie: MovieSchema, rating: z.number(), rated_at: z.string().datetime() })
  .openapi('UserRating');
export const UserRatingPage = pageSchema(UserRatingSchema).openapi('UserRatingPage');
export const UserSummaryPage = pageSchema(UserSummarySchema).openapi('UserSummaryPage');

export const RateResult = z
  .object({
    user_id: z.number().int(),
    movie: MovieSchema,
    rating: z.number(),
    rated_at: z.string().datetime(),
    created: z.boolean(),
  })
  .openapi('RateResult');

export const UserStatisticsSchema = z
  .object({
    user: UserSchema,
    rating_count: z.number().int(),
    average_rating: z.number().nullable(),
    first_rated_at: z.string().datetime().nullable(),
    last_rated_at: z.string().datetime().nullable(),
    distribution: z.array(z.object({ rating: z.number(), count: z.number().int() })),
    top_genres: z
      .array(z.object({ genre: z.string(), count: z.number().int(), average_rating: z.number() }))
      .openapi({ description: 'The ten most rated genres, by count (unlike UserSummary.top_genres).' }),
    activity: z.array(z.object({ month: z.string().openapi({ example: '2018-09' }), count: z.number().int() })),
  })
  .openapi('UserStatistics');

export const UserIdParam = z.object({ id: positiveId('User id.').openapi({ param: { name: 'id', in: 'path' } }) });
