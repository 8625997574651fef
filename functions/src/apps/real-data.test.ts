/**
 * The acceptance checks on real data: ml-latest-small as `npm start` prepares it (database, trained
 * model, embedded index), through the whole API. The database is copied first, so the new users the
 * test creates never reach the real one. Skipped locally until `npm start` has run; CI prepares it
 * (.ci/run) and fails here if it did not.
 *
 * The model is trained on the machine that runs this, so these checks hold for any sensible model:
 * counts, exclusions, metadata present, the recommendable rule, and neighbourhoods strong enough
 * that no reasonable training misses them; never the exact picks of one training run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPreparedApp, preparedAppPresent, type PreparedApp } from '../testing/prepared-app.js';
import { createApi } from './api.js';
import type { Json } from './testing/api-runtime.js';

const prepared = preparedAppPresent();

/** What the recommendable rule (core/catalog/recommendable.ts) guarantees of every listed movie. */
function expectRecommendable(movie: Json): void {
  expect(movie.tmdb_id, movie.title).toEqual(expect.any(Number));
  expect(movie.year, movie.title).toBeLessThanOrEqual(new Date().getUTCFullYear());
  expect(movie.genres.length, movie.title).toBeGreaterThan(0);
}

describe.skipIf(!prepared)(
  `ml-latest-small with the trained model${prepared ? '' : ' (skipped: run `npm start` first)'}`,
  () => {
    let app: PreparedApp;
    let get: (path: string) => Promise<Json>;
    let post: (path: string, body: unknown, token?: string) => Promise<Json>;

    beforeAll(async () => {
      app = await openPreparedApp();
      const api = createApi(app.runtime.services);
      get = async (path) => (await api.request(path)).json();
      post = async (path, body, token) => {
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        };
        return (await api.request(path, { method: 'POST', body: JSON.stringify(body), headers })).json();
      };
    }, 120_000);

    afterAll(async () => {
      await app?.runtime.close();
      await app?.removeCopy();
    });

    it('For You for user 1: 20 unrated movies with metadata, from the trained user tower', async () => {
      const rated = new Set((await get('/api/users/1/ratings/?limit=100&offset=0')).items.map((r: Json) => r.movie.id));
      for (let offset = 100; rated.size === offset; offset += 100) {
        for (const r of (await get(`/api/users/1/ratings/?limit=100&offset=${offset}`)).items) rated.add(r.movie.id);
      }
      const forYou = await get('/api/recommendations/for-you/?user_id=1&limit=20');
      expect(forYou.source).toMatchObject({
        encoder: expect.stringMatching(/^in-process-user-tower/),
        index: 'embedded',
        degraded: false,
      });
      expect(forYou.items).toHaveLength(20);
      for (const movie of forYou.items) {
        expect(rated.has(movie.id)).toBe(false);
        expect(movie).toMatchObject({
          title: expect.any(String),
          reason: expect.stringMatching(/^Because you rated /),
        });
        expectRecommendable(movie);
      }
      // 98% of the catalog's movies have an overview and a poster: a list of 20 without ten of each is broken.
      expect(forYou.items.filter((m: Json) => m.overview).length).toBeGreaterThanOrEqual(10);
      expect(forYou.items.filter((m: Json) => m.poster_url).length).toBeGreaterThanOrEqual(10);
    });

    it('every list shows only movies people can watch', async () => {
      const lists = [
        '/api/recommendations/trending/?limit=50',
        '/api/recommendations/top-rated/?limit=50',
        '/api/recommendations/seed-movies/?genres=Sci-Fi,Documentary,Film-Noir&limit=30',
        '/api/recommendations/by-genre/?genre=Documentary&user_id=1&limit=50',
        '/api/recommendations/similar/?tmdb_id=120&limit=50',
        '/api/recommendations/because-you-watched/?user_id=1&rows=3&limit=20',
      ];
      for (const path of lists) {
        const body = await get(path);
        const items = [...(body.items ?? []), ...(body.rows ?? []).flatMap((row: Json) => row.items)];
        expect(items.length, path).toBeGreaterThan(0);
        items.forEach(expectRecommendable);
      }
    });

    it('a new user: five onboarding ratings give recommendations that change after one more', async () => {
      const seeds = (await get('/api/recommendations/seed-movies/?genres=Sci-Fi,Comedy&limit=12')).items;
      expect(seeds).toHaveLength(12);
      const { user, token } = await post('/api/users/cold_start/', {
        genres: ['Sci-Fi', 'Comedy'],
        ratings: seeds.slice(0, 5).map((m: Json) => ({ tmdb_id: m.tmdb_id, rating: 5 })),
      });
      const before = await get(`/api/recommendations/for-you/?user_id=${user.id}&limit=20`);
      expect(before.items).toHaveLength(20);
      expect(before.source.encoder).toMatch(/^in-process-user-tower/);
      await post(`/api/users/${user.id}/rate/`, { tmdb_id: seeds[5].tmdb_id, rating: 1 }, token);
      const after = await get(`/api/recommendations/for-you/?user_id=${user.id}&limit=20`);
      expect(after.items.map((m: Json) => m.id)).not.toEqual(before.items.map((m: Json) => m.id));
      expect(after.items.map((m: Json) => m.tmdb_id)).not.toContain(seeds[5].tmdb_id);
    });

    it('the user picker tells the most active users apart, with posters of their favourite movies', async () => {
      const { items } = await get('/api/users/?sort=ratings&limit=40');
      expect(items).toHaveLength(40);
      // By raw count 29 of these 40 show both Drama and Comedy; lift leaves the genres that set each apart.
      const dramaAndComedy = items.filter(
        (u: Json) => u.top_genres.includes('Drama') && u.top_genres.includes('Comedy'),
      );
      expect(dramaAndComedy.length).toBeLessThanOrEqual(10);
      for (const user of items) {
        expect(user.top_genres).toHaveLength(3);
        expect(user.favorite_movies).toHaveLength(4);
        expect(user.read_only).toBe(true);
      }
      const favorites = items.flatMap((u: Json) => u.favorite_movies);
      expect(favorites.filter((m: Json) => m.poster_url).length).toBeGreaterThanOrEqual(0.9 * favorites.length);
    });

    it('Similar finds what a person expects', async () => {
      // The Fellowship of the Ring (TMDB 120): its two sequels (121, 122), rated by the same people and
      // described alike, are among its ten nearest neighbours for any model that learnt anything.
      const similar = await get('/api/recommendations/similar/?tmdb_id=120&limit=10');
      expect(similar.items.map((m: Json) => m.tmdb_id)).toEqual(expect.arrayContaining([121, 122]));
    });

    it('search forgives typos, accents and case, knows alternate titles, and ranks the exact title first', async () => {
      const cases: [query: string, first: RegExp][] = [
        ['godfater', /^The Godfather$/],
        ['amelie', /^Am[eé]lie/],
        ['AMÉLIE', /^Am[eé]lie/],
        ['fabuleux destin', /^Am[eé]lie/],
        ['leon', /^L[eé]on: The Professional/],
        ['the professional', /^L[eé]on: The Professional/],
        ['toy story', /^Toy Story$/],
      ];
      for (const [query, first] of cases) {
        const search = await get(`/api/movies/search/?q=${encodeURIComponent(query)}&limit=3`);
        expect(search.items[0]?.title, query).toMatch(first);
      }
    });
  },
);
