/**
 * What the OpenAPI document promises, the server keeps: text the database cannot store is a 400,
 * genres are the one list's names, a rating names exactly one movie id, and an undeclared method on
 * a known path is a 405 with Allow. Over the generated world in PGlite (see api-fixture.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CANONICAL_GENRES } from '../core/catalog/genres.js';
import { tmdbIdOf } from './testing/api-fixture.js';
import { type Json, useApiWorld } from './testing/api-runtime.js';

const world = useApiWorld();

const call = async (path: string, init?: RequestInit) => {
  const res = await world.api.request(path, init);
  return { status: res.status, allow: res.headers.get('allow'), body: (await res.json()) as Json };
};
const postJson = (path: string, body: unknown) =>
  call(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const ratings = (n: number) => Array.from({ length: n }, (_, i) => ({ tmdb_id: tmdbIdOf(i), rating: 4 }));

describe('text the database cannot store', () => {
  it.each(['%00', 'a%00b', '%07', '%1B%5B31m', '%C2%85'])('search q=%s is a 400 naming q', async (q) => {
    const { status, body } = await call(`/api/movies/search/?q=${q}`);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'query.q', message: expect.stringMatching(/control characters/) }],
    });
  });

  it('takes any other text, emoji and accents included', async () => {
    for (const q of ['%F0%9F%8E%AC', 'Am%C3%A9lie', 'comedy%20story'])
      expect((await call(`/api/movies/search/?q=${q}`)).status, q).toBe(200);
  });

  it('refuses a lone surrogate and a NUL inside JSON bodies', async () => {
    for (const genre of ['\u0000', 'Comedy\u0000', '\ud800']) {
      const { status, body } = await postJson('/api/users/cold_start/', { genres: [genre], ratings: ratings(5) });
      expect(status).toBe(400);
      expect(body.error.issues[0].path).toBe('body.genres.0');
    }
  });
});

describe('search input', () => {
  it('rejects an empty q, as documented (minLength 1); spaces alone match nothing', async () => {
    expect((await call('/api/movies/search/?q=')).status).toBe(400);
    expect((await call('/api/movies/search/?q=%20%20')).body).toMatchObject({ items: [], total: 0, has_more: false });
  });

  it('takes integers as digits only', async () => {
    for (const limit of ['', '%201', '1e1', '0x10', '2.5'])
      expect((await call(`/api/movies/search/?q=a&limit=${limit}`)).status, limit).toBe(400);
    expect((await call('/api/movies/search/?q=story&limit=3')).body.items).toHaveLength(3);
  });

  it('takes ids in JSON bodies as JSON numbers only, as the document types them', async () => {
    const asText = [{ tmdb_id: String(tmdbIdOf(0)), rating: 4 }, ...ratings(5).slice(1)];
    const { status, body } = await postJson('/api/users/cold_start/', { genres: ['Comedy'], ratings: asText });
    expect(status).toBe(400);
    // The item matches neither shape of the union: the issue names the item.
    expect(body.error.issues.map((i: Json) => i.path)).toEqual([expect.stringMatching(/^body\.ratings\.0\b/)]);
  });
});

describe('genres', () => {
  it('are exactly the names of the one genre list', async () => {
    expect((await call('/api/recommendations/top-rated/?genre=Comedy')).status).toBe(200);
    const { status, body } = await call('/api/recommendations/trending/?genre=comedy');
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/unknown genre: comedy/);
  });

  it('come comma-separated in seed-movies, each a known name', async () => {
    expect((await call('/api/recommendations/seed-movies/?genres=Comedy,Comedy&limit=4')).status).toBe(200);
    for (const genres of ['', 'Comedy,', 'Comedy, Horror', 'Comedy,Bogus']) {
      const { status, body } = await call(`/api/recommendations/seed-movies/?genres=${genres}`);
      expect(status, genres).toBe(400);
      expect(body.error.issues[0].path, genres).toMatch(/^query\.genres/);
    }
  });
});

describe('methods', () => {
  it.each([
    ['PUT', '/api/movies/search/', 'GET, HEAD'],
    ['OPTIONS', '/api/movies/603/', 'GET, HEAD'],
    ['DELETE', '/api/users/1/ratings/', 'GET, HEAD'],
    ['GET', '/api/users/1/rate/', 'POST'],
    ['PATCH', '/api/openapi.json', 'GET, HEAD'],
  ])('%s %s is a 405 allowing %s', async (method, path, allowed) => {
    const { status, allow, body } = await call(path, { method });
    expect({ status, allow }).toEqual({ status: 405, allow: allowed });
    expect(body.error).toEqual({
      code: 'method_not_allowed',
      message: `${method} is not allowed on ${path} (allowed: ${allowed})`,
    });
  });

  it('an unknown path stays a 404, whatever the method', async () => {
    expect((await call('/api/nope/', { method: 'PUT' })).status).toBe(404);
    expect((await call('/api/movies/603/extra/', { method: 'DELETE' })).status).toBe(404);
  });
});

describe('the OpenAPI document', () => {
  let document: Json;
  beforeAll(async () => {
    document = (await call('/api/openapi.json')).body;
  });
  const parameter = (path: string, name: string) =>
    document.paths[path].get.parameters.find((p: Json) => p.name === name);

  it('names the genres by the one list, and says how a list of them is written', () => {
    expect(document.components.schemas.Genre.enum).toEqual([...CANONICAL_GENRES]);
    expect(parameter('/api/recommendations/by-genre/', 'genre').schema).toEqual({ $ref: '#/components/schemas/Genre' });
    expect(parameter('/api/recommendations/seed-movies/', 'genres')).toMatchObject({
      style: 'form',
      explode: false,
      schema: { type: 'array', items: { $ref: '#/components/schemas/Genre' }, minItems: 1 },
    });
  });

  it('states what search and ratings take', () => {
    expect(parameter('/api/movies/search/', 'q').schema).toMatchObject({
      minLength: 1,
      maxLength: 200,
      pattern: '^[^\\u0000-\\u001F\\u007F-\\u009F]*$',
    });
    const { RatingByTmdbId, RatingByMovieId, MovieRatingInput } = document.components.schemas;
    expect(MovieRatingInput.anyOf).toHaveLength(2);
    for (const shape of [RatingByTmdbId, RatingByMovieId])
      expect(shape).toMatchObject({ additionalProperties: false, required: expect.arrayContaining(['rating']) });
    expect(RatingByTmdbId.properties.rating).toMatchObject({ minimum: 0.5, maximum: 5, multipleOf: 0.5 });
  });
});
