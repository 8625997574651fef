/** /api/movies and /api/genres: details (metadata fetched through the cache), title search, genres. */
import { createRoute, z } from '@hono/zod-openapi';
import { newApp } from './app.js';
import { cachedJson } from './cached-json.js';
import { movieJson, pageJson } from './presenters.js';
import {
  errorResponses,
  json,
  MovieSchema,
  PageQuery,
  pageSchema,
  positiveId,
  storableText,
} from './schemas/common.js';
import type { MoviesServices } from './services.js';

const tags = ['movies'];

const MovieDetailsSchema = MovieSchema.extend({
  imdb_id: z.string().nullable(),
  tagline: z.string().nullable(),
  runtime: z.number().int().nullable().openapi({ description: 'Minutes.' }),
  keywords: z.array(z.string()),
  popularity: z.number().nullable(),
  metadata_source: z.enum(['snapshot', 'tmdb']).nullable().openapi({ description: 'Where the metadata came from.' }),
  user_rating: z.number().nullable().openapi({ description: "The user's rating when user_id is given." }),
}).openapi('MovieDetails');

const searchRoute = createRoute({
  method: 'get',
  path: '/api/movies/search/',
  tags,
  summary: 'Typo-tolerant title search',
  request: {
    query: PageQuery.extend({
      q: storableText()
        .min(1)
        .max(200)
        .openapi({ description: 'Title or part of it; accents, case and punctuation are ignored.', example: 'matrix' }),
    }),
  },
  responses: { 200: json(pageSchema(MovieSchema).openapi('MoviePage'), 'Best matches first'), ...errorResponses(400) },
});

const detailsRoute = createRoute({
  method: 'get',
  path: '/api/movies/{tmdb_id}/',
  tags,
  summary: 'Movie details (TMDB metadata on demand, cached)',
  request: {
    params: z.object({ tmdb_id: positiveId('TMDB id.').openapi({ param: { name: 'tmdb_id', in: 'path' } }) }),
    query: z.object({ user_id: positiveId("Include this user's rating.").optional() }),
  },
  responses: { 200: json(MovieDetailsSchema, 'The movie'), ...errorResponses(400, 404, 503) },
});

const genresRoute = createRoute({
  method: 'get',
  path: '/api/genres/',
  tags,
  summary: 'Genres with their movie counts',
  responses: {
    200: json(
      z.object({ items: z.array(z.object({ name: z.string(), movie_count: z.number().int() })) }).openapi('Genres'),
      'Every genre',
    ),
  },
});

export function createMoviesApp(services: MoviesServices) {
  const { movies, users, userStore } = services;
  return newApp(services.log)
    .openapi(searchRoute, async (c) => {
      const { q, ...paging } = c.req.valid('query');
      const page = await movies.search(q, paging);
      return cachedJson(c, page, () => pageJson(page, movieJson));
    })
    .openapi(detailsRoute, async (c) => {
      const { tmdb_id } = c.req.valid('param');
      const { user_id } = c.req.valid('query');
      const user = user_id === undefined ? null : await users.existingUser(user_id);
      const movie = await movies.details(tmdb_id);
      const userRating = user ? await userStore.ratingOf(user.id, movie.id) : null;
      return c.json(
        {
          ...movieJson(movie),
          imdb_id: movie.imdbId,
          tagline: movie.tagline,
          runtime: movie.runtime,
          keywords: movie.keywords,
          popularity: movie.popularity,
          metadata_source: movie.metadataSource,
          user_rating: userRating,
        },
        200,
      );
    })
    .openapi(genresRoute, async (c) => {
      const genres = await movies.genres();
      return c.json({ items: genres.map((g) => ({ name: g.name, movie_count: g.movieCount })) }, 200);
    });
}
