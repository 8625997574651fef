/**
 * Zod schemas for the TMDB v3 responses this adapter reads, one per endpoint. They list only the
 * fields we use and strip the rest, so TMDB adding fields is harmless while a renamed or retyped
 * field fails loudly at the boundary instead of surfacing later as `undefined`.
 */
import { z } from 'zod';

const namedItem = z.object({ id: z.number().int(), name: z.string() });

/** TMDB writes "unknown" as null, an empty string, or leaves the field out, depending on the field and age. */
const optionalString = z.string().nullish();
const optionalNumber = z.number().nullish();

/** GET /movie/{id}?append_to_response=keywords */
export const movieDetailsSchema = z.object({
  id: z.number().int().positive(),
  imdb_id: optionalString,
  title: z.string(),
  original_title: optionalString,
  release_date: optionalString,
  genres: z.array(namedItem),
  overview: optionalString,
  tagline: optionalString,
  runtime: optionalNumber,
  poster_path: optionalString,
  backdrop_path: optionalString,
  vote_average: optionalNumber,
  vote_count: optionalNumber,
  popularity: optionalNumber,
  // Present because we ask for it with append_to_response; optional so a plain /movie body still parses.
  keywords: z.object({ keywords: z.array(namedItem) }).optional(),
});
export type MovieDetailsResponse = z.infer<typeof movieDetailsSchema>;

/** GET /search/movie */
export const searchMoviesSchema = z.object({
  page: z.number().int(),
  total_pages: z.number().int(),
  total_results: z.number().int(),
  results: z.array(
    z.object({
      id: z.number().int().positive(),
      title: z.string(),
      release_date: optionalString,
      poster_path: optionalString,
      popularity: optionalNumber,
    }),
  ),
});
export type SearchMoviesResponse = z.infer<typeof searchMoviesSchema>;

/** GET /configuration */
export const configurationSchema = z.object({
  images: z.object({
    base_url: z.string(),
    secure_base_url: z.string(),
    backdrop_sizes: z.array(z.string()),
    logo_sizes: z.array(z.string()),
    poster_sizes: z.array(z.string()),
    profile_sizes: z.array(z.string()),
    still_sizes: z.array(z.string()),
  }),
});
export type ConfigurationResponse = z.infer<typeof configurationSchema>;

/** One line of the daily export `movie_ids_MM_DD_YYYY.json.gz`. */
export const exportLineSchema = z.object({
  id: z.number().int().positive(),
  original_title: z.string(),
  popularity: z.number(),
  adult: z.boolean(),
  video: z.boolean(),
});

/** TMDB's error body, e.g. `{"status_code":7,"status_message":"Invalid API key ..."}`. */
export const errorBodySchema = z.object({ status_message: z.string() });
