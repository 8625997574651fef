/** Shapes every endpoint group shares: errors, paging, movies and recommendations. */
import { z } from '@hono/zod-openapi';
import { CANONICAL_GENRES } from '../../core/catalog/genres.js';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum([
        'invalid_input',
        'not_found',
        'method_not_allowed',
        'conflict',
        'unprocessable',
        'unauthorized',
        'forbidden',
        'unavailable',
        'internal',
      ]),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error');

/**
 * An integer query or path parameter. Digits only: z.coerce.number would also take "", " 1", "1e3"
 * and "0x10", which the OpenAPI document (type integer) does not allow. Anything else stays a string
 * and fails as one.
 */
const integerParam = <T extends z.ZodType<number>>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v), schema);

export const PageQuery = z.object({
  limit: integerParam(z.number().int().min(1).max(100)).default(20).openapi({ description: 'Items per page (1–100).' }),
  offset: integerParam(z.number().int().min(0).max(10_000)).default(0).openapi({ description: 'Items to skip.' }),
});

export const boundedInt = (min: number, max: number) => integerParam(z.number().int().min(min).max(max));

const MAX_ID = 2_147_483_647;

/** An id in a query or path parameter (digits). */
export const positiveId = (description: string) => boundedInt(1, MAX_ID).openapi({ description });

/** An id in a JSON body: a JSON number, as the document says; "603" is a 400 there. */
export const positiveIdField = (description: string) => z.number().int().min(1).max(MAX_ID).openapi({ description });

/**
 * Text the database can store: Postgres text cannot hold NUL, and lone surrogates cannot be encoded
 * as UTF-8; other control characters belong in no title or name. Every string parameter or body
 * field that reaches the database is one of these (or an enum), so such input is a 400, not a 500.
 */
const CONTROL_CHARACTERS = '\\u0000-\\u001F\\u007F-\\u009F';
// Unicode mode, so a surrogate pair (an emoji) is one character and only a lone half is refused.
const storable = new RegExp(`^[^${CONTROL_CHARACTERS}\\uD800-\\uDFFF]*$`, 'u');

/**
 * The document states the control characters only: lone surrogates are no Unicode text at all, and
 * JSON Schema validators (e.g. Rust's regex) cannot even spell them.
 */
export const storableText = () =>
  z
    .string()
    .refine((s) => storable.test(s), 'must not contain control characters (such as NUL) or lone surrogates')
    .openapi({ pattern: `^[^${CONTROL_CHARACTERS}]*$` });

/** One of the canonical genres (GET /api/genres/ lists those with movies). */
export const GenreName = z
  .enum(CANONICAL_GENRES, { error: (issue) => `unknown genre: ${String(issue.input)} (see GET /api/genres/)` })
  .openapi('Genre', { example: 'Sci-Fi' });

/** Genres in a query parameter, comma-separated ("Comedy,Sci-Fi"): OpenAPI's form style without explode. */
export const GenreListParam = (description: string) =>
  z
    .preprocess(
      (value) => (typeof value === 'string' ? value.split(',') : value),
      z.array(GenreName).min(1).max(CANONICAL_GENRES.length),
    )
    .openapi({ description, example: ['Comedy', 'Sci-Fi'], param: { style: 'form', explode: false } });

export const MovieSchema = z
  .object({
    id: z.number().int().openapi({ description: "The project's movie id." }),
    tmdb_id: z.number().int().nullable(),
    movielens_id: z.number().int().nullable(),
    title: z.string(),
    year: z.number().int().nullable(),
    genres: z.array(z.string()),
    overview: z.string().nullable(),
    poster_url: z
      .string()
      .url()
      .nullable()
      .openapi({ description: 'TMDB image CDN URL; null when no poster is known.' }),
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

export const RecommendationPageSchema = pageSchema(RecommendationSchema)
  .extend({ source: ListSourceSchema })
  .openapi('RecommendationPage');

/** Error responses every route may give, for the OpenAPI document. */
export const errorResponses = (...statuses: (400 | 401 | 403 | 404 | 409 | 422 | 503)[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: ERROR_DESCRIPTIONS[status], content: { 'application/json': { schema: ErrorSchema } } },
    ]),
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

export const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body. */
export const jsonBody = <T extends z.ZodTypeAny>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});
