/** Shapes every endpoint group shares: errors, paging, movies and recommendations. */
import { z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(['invalid_input', 'not_found', 'conflict', 'unprocessable', 'unauthorized', 'forbidden', 'unavailable', 'internal']),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error');

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ description: 'Items per page (1–100).' }),
  offset: z.coerce.number().int().min(0).max(10_000).default(0).openapi({ description: 'Items to skip.' }),
});

export const positiveId = (description: string) => z.coerce.number().int().positive().max(2_147_483_647).openapi({ description });

export const GenreName = z.string().min(1).max(40).openapi({ example: 'Sci-Fi' });

export const MovieSchema = z
  .object({
    id: z.number().int().openapi({ description: "The project's movie id." }),
    tmdb_id: z.number().int().nullable(),
    movielens_id: z.number().int().nullable(),
    title: z.string(),
    year: z.number().int().nullable(),
    genres: z.array(z.string()),
    overview: z.string().nullable(),
    poster_url: z.string().url().nullable().openapi({ description: 'TMDB image CDN URL; null when no poster is known.' }),
    backdrop_url: z.string().url().nullable(),
    vote_average: z.number().nullable(),
    vote_count: z.number().int().nullable(),
  })
  .openapi('Movie');

export const RecommendationSchema = MovieSchema.extend({
  score: z.number(),
  reason: z.string().openapi({ example: 'Because you watched Heat' }),
}).openapi('Recommendation');

export const pageSchema = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    items: z.array(item),
    limit: z.number().int(),
    offset: z.number().int(),
    total: z.number().int().nullable().openapi({ description: 'Null for ranked searches, whose total is open-ended.' }),
    has_more: z.boolean(),
  });

export const ListSourceSchema = z
  .object({
    encoder: z.string().nullable().openapi({ description: 'User encoder that produced the embedding.' }),
    index: z.string().nullable().openapi({ description: 'Vector index that answered.' }),
    degraded: z.boolean().openapi({ description: 'True when a fallback served this list.' }),
    notice: z.string().nullable().openapi({ description: 'What the user should know about a fallback.' }),
  })
  .openapi('ListSource');

export const RecommendationPageSchema = pageSchema(RecommendationSchema).extend({ source: ListSourceSchema }).openapi('RecommendationPage');

/** Error responses every route may give, for the OpenAPI document. */
export const errorResponses = (...statuses: (400 | 401 | 403 | 404 | 409 | 422 | 503)[]) =>
  Object.fromEntries(
    statuses.map((status) => [status, { description: ERROR_DESCRIPTIONS[status], content: { 'application/json': { schema: ErrorSchema } } }]),
  );

const ERROR_DESCRIPTIONS = {
  400: 'Invalid input (the message names the field)',
  401: 'Missing token',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  422: 'Understood but cannot be processed',
  503: 'A backend is unavailable',
} as const;

export const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** A required JSON request body. */
export const jsonBody = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
