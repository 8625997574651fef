/**
 * The recommendable rule through the whole API: movies nobody can watch (no year, unreleased, no
 * genres, no votes) sit in the middle of their genre's cluster and are rated 5 stars by everyone,
 * yet no recommendation list shows them; search and their own pages still find them.
 */
import { describe, expect, it } from 'vitest';
import { tmdbIdOf, UNWATCHABLE, writeUnwatchableMovies } from './testing/api-fixture.js';
import { type Json, useApiWorld } from './testing/api-runtime.js';

const world = useApiWorld(writeUnwatchableMovies);
const unwatchable = new Set<number>(UNWATCHABLE.map((m) => m.tmdbId));

const get = async (path: string): Promise<Json> => {
  const res = await world.api.request(path);
  expect(res.status, path).toBe(200);
  return res.json();
};

/** The TMDB ids of every movie a list response shows (plain lists and Because You Watched rows). */
const shown = (body: Json): number[] =>
  [...(body.items ?? []), ...(body.rows ?? []).flatMap((row: Json) => row.items)].map((m: Json) => m.tmdb_id);

/** Each list shows movies, none of them unwatchable. */
async function expectOnlyWatchable(paths: string[]): Promise<void> {
  for (const path of paths) {
    const ids = shown(await get(path));
    expect(ids.length, path).toBeGreaterThan(0);
    expect(
      ids.filter((id) => unwatchable.has(id)),
      path,
    ).toEqual([]);
  }
}

describe('movies nobody can watch', () => {
  it('are indexed, found by search and shown on their own pages', async () => {
    expect((await get('/api/status/')).vector_index[0].points).toBe(48 + UNWATCHABLE.length);
    for (const movie of UNWATCHABLE) {
      expect((await get(`/api/movies/${movie.tmdbId}/`)).title).toBe(movie.title);
      expect(shown(await get(`/api/movies/search/?q=${encodeURIComponent(movie.title)}&limit=3`))).toContain(
        movie.tmdbId,
      );
    }
  });

  it('never appear in For You, By Genre, Because You Watched or Similar', async () => {
    // A new user who likes every genre, and has not rated the unwatchable movies.
    const ratings = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({ tmdb_id: tmdbIdOf(i), rating: 5 }));
    const res = await world.api.request('/api/users/cold_start/', {
      method: 'POST',
      body: JSON.stringify({ genres: ['Comedy', 'Drama'], ratings }),
      headers: { 'content-type': 'application/json' },
    });
    const { user } = (await res.json()) as Json;
    const lists = [
      `/api/recommendations/for-you/?user_id=${user.id}&limit=40`,
      `/api/recommendations/because-you-watched/?user_id=${user.id}&rows=8&limit=10`,
      ...['Comedy', 'Drama', 'Sci-Fi', 'Horror'].map(
        (genre) => `/api/recommendations/by-genre/?genre=${genre}&user_id=${user.id}&limit=20`,
      ),
      ...[0, 1, 2, 3].map((i) => `/api/recommendations/similar/?tmdb_id=${tmdbIdOf(i)}&limit=20`),
    ];
    await expectOnlyWatchable(lists);
  });

  it('never appear in Trending, Top Rated or the seed movies, though everyone rated them 5 stars just now', async () => {
    const lists = [
      '/api/recommendations/trending/?limit=50',
      '/api/recommendations/top-rated/?limit=50',
      '/api/recommendations/by-genre/?genre=Comedy&limit=50',
      '/api/recommendations/seed-movies/?genres=Comedy,Drama,Horror&limit=30',
    ];
    await expectOnlyWatchable(lists);
  });

  it("are their neighbours' Similar movies no more, but have Similar movies of their own", async () => {
    const ids = shown(await get(`/api/recommendations/similar/?tmdb_id=${UNWATCHABLE[0].tmdbId}&limit=10`));
    expect(ids).toHaveLength(10);
    expect(ids.filter((id) => unwatchable.has(id))).toEqual([]);
  });
});
