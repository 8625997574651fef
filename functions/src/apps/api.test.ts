/**
 * Every endpoint through the whole API app (app.request), over a generated world in PGlite with the
 * embedded index and the weighted-average encoder: good requests, paging, and bad input → 4xx JSON.
 */
import { describe, expect, it } from 'vitest';
import { GENRES, MOVIE_COUNT, RATINGS_PER_USER, TITLES, tmdbIdOf, USER_COUNT } from './testing/api-fixture.js';
import { type Json, useApiWorld } from './testing/api-runtime.js';

const world = useApiWorld();

const get = async (path: string) => {
  const res = await world.api.request(path);
  return { status: res.status, body: (await res.json()) as Json };
};
const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await world.api.request(path, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
  return { status: res.status, body: (await res.json()) as Json };
};
const ratingsFor = (indices: number[], rating = 4.5) => indices.map((i) => ({ tmdb_id: tmdbIdOf(i), rating }));

describe('system', () => {
  it('answers health and status', async () => {
    expect(await get('/api/health/')).toEqual({ status: 200, body: { status: 'ok' } });
    const { status, body } = await get('/api/status/');
    expect(status).toBe(200);
    expect(body.database).toMatchObject({
      name: 'pglite',
      reachable: true,
      counts: { movies: MOVIE_COUNT, users: USER_COUNT },
    });
    expect(body.vector_index).toEqual([
      expect.objectContaining({ name: 'embedded', reachable: true, points: MOVIE_COUNT }),
    ]);
    expect(body.encoder.map((e: Json) => e.name)).toEqual(['weighted-average']);
    expect(body.metadata[0]).toMatchObject({ name: 'database cache', reachable: true });
  });

  it('publishes an OpenAPI document covering every endpoint, and a docs page', async () => {
    const { body } = await get('/api/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    for (const path of [
      '/api/users/',
      '/api/users/cold_start/',
      '/api/users/{id}/ratings/',
      '/api/users/{id}/rate/',
      '/api/users/{id}/statistics/',
      '/api/recommendations/for-you/',
      '/api/recommendations/because-you-watched/',
      '/api/recommendations/similar/',
      '/api/recommendations/by-genre/',
      '/api/recommendations/trending/',
      '/api/recommendations/seed-movies/',
      '/api/movies/{tmdb_id}/',
      '/api/movies/search/',
      '/api/genres/',
      '/api/health/',
      '/api/status/',
    ]) {
      expect(body.paths, path).toHaveProperty([path]);
    }
    const docs = await world.api.request('/api/docs');
    expect(await docs.text()).toContain('SwaggerUIBundle');
    const asset = await world.api.request('/api/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
    expect((await world.api.request('/api/docs/assets/package.json')).status).not.toBe(200);
  });

  it('answers unknown routes with a JSON 404', async () => {
    expect(await get('/api/nope/')).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'no route for GET /api/nope/' } },
    });
    expect((await world.api.request('/api/users')).headers.get('location')).toMatch(/\/api\/users\/$/);
  });
});

describe('users', () => {
  it('lists users with rating counts, top genres and favourite movies, paged and searchable', async () => {
    const { body } = await get('/api/users/?limit=5&sort=ratings');
    expect(body).toMatchObject({ limit: 5, offset: 0, total: USER_COUNT, has_more: true });
    expect(body.items[0]).toMatchObject({ kind: 'movielens', rating_count: RATINGS_PER_USER, read_only: true });
    for (const user of body.items) {
      expect(user.top_genres).toHaveLength(3);
      expect(user.top_genres.every((g: string) => (GENRES as readonly string[]).includes(g))).toBe(true);
      // Half the fixture's movies have a poster and each user rated 30 of 48: four with one.
      expect(user.favorite_movies).toHaveLength(4);
      for (const movie of user.favorite_movies) expect(movie.poster_url).toMatch(/^https:\/\/image\.tmdb\.org\//);
      const ratings = await get(`/api/users/${user.id}/ratings/?limit=100`);
      const stars = new Map(ratings.body.items.map((r: Json) => [r.movie.id, r.rating]));
      const favoriteStars = user.favorite_movies.map((m: Json) => stars.get(m.id));
      expect(favoriteStars).toEqual([...favoriteStars].sort((a, b) => b - a));
      const bestWithPoster = ratings.body.items.filter((r: Json) => r.movie.poster_url).map((r: Json) => r.rating);
      expect(favoriteStars[0]).toBe(Math.max(...bestWithPoster));
    }
    const found = await get('/api/users/?search=1');
    expect(found.body.items.map((u: Json) => u.id)).toEqual([1, 10, 11, 12]);
  });

  it('returns ratings and statistics', async () => {
    const ratings = await get('/api/users/1/ratings/?limit=3');
    expect(ratings.body).toMatchObject({ total: RATINGS_PER_USER, has_more: true });
    expect(ratings.body.items[0].movie.title).toMatch(/Story/);
    const stats = await get('/api/users/1/statistics/');
    expect(stats.body.user).toMatchObject({ kind: 'movielens', read_only: true }); // DEMO_WRITES is off
    expect(stats.body.rating_count).toBe(RATINGS_PER_USER);
    expect(stats.body.distribution).toHaveLength(10);
    expect(stats.body.distribution.reduce((s: number, d: Json) => s + d.count, 0)).toBe(RATINGS_PER_USER);
    expect(stats.body.activity.length).toBeGreaterThan(0);
  });

  it('onboards a cold-start user whose token alone can rate as it', async () => {
    const created = await post('/api/users/cold_start/', {
      genres: ['Sci-Fi'],
      ratings: ratingsFor([2, 6, 10, 14, 18]),
    });
    expect(created.status).toBe(201);
    const { user, token } = created.body;
    expect(user).toMatchObject({ kind: 'cold_start', preferred_genres: ['Sci-Fi'], read_only: false });
    expect((await get(`/api/users/${user.id}/ratings/`)).body.total).toBe(5);
    expect((await get(`/api/users/${user.id}/statistics/`)).body.user.read_only).toBe(false);
    const listed = (await get('/api/users/?kind=cold_start&limit=100')).body.items.find((u: Json) => u.id === user.id);
    expect(listed).toMatchObject({ read_only: false, top_genres: ['Sci-Fi'] });

    const rate = (headers: Record<string, string>, body: unknown = { tmdb_id: tmdbIdOf(22), rating: 5 }) =>
      post(`/api/users/${user.id}/rate/`, body, headers);
    expect((await rate({})).status).toBe(401);
    expect((await rate({ authorization: 'Bearer wrong' })).status).toBe(403);
    const first = await rate({ authorization: `Bearer ${token}` });
    expect(first).toMatchObject({ status: 201, body: { created: true, rating: 5, movie: { tmdb_id: tmdbIdOf(22) } } });
    expect((await rate({ authorization: `Bearer ${token}` }, { tmdb_id: tmdbIdOf(22), rating: 3.5 })).status).toBe(200);
    expect((await get(`/api/users/${user.id}/ratings/`)).body.total).toBe(6);
  });

  it('rejects bad onboarding and rating input with 4xx JSON naming the problem', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ genres: ['Sci-Fi'], ratings: ratingsFor([1, 2, 3, 4]) }, 400, /body\.ratings: .*>=5/],
      [{ genres: ['Space Opera'], ratings: ratingsFor([1, 2, 3, 4, 5]) }, 400, /unknown genre: Space Opera/],
      [{ genres: [], ratings: ratingsFor([1, 2, 3, 4, 5]) }, 400, /body\.genres/],
      [
        { genres: ['Drama'], ratings: [...ratingsFor([1, 2, 3, 4]), { tmdb_id: 999_999, rating: 4 }] },
        422,
        /unknown movie: tmdb_id 999999/,
      ],
      [{ genres: ['Drama'], ratings: ratingsFor([1, 1, 2, 3, 4]) }, 422, /rated more than once/],
      [{ genres: ['Drama'], ratings: ratingsFor([1, 2, 3, 4, 5], 4.3) }, 400, /body\.ratings\.0\.rating/],
      [
        { genres: ['Drama'], ratings: [{ rating: 4 }, ...ratingsFor([1, 2, 3, 4])] },
        400,
        /exactly one of tmdb_id and movie_id/,
      ],
      [
        { genres: ['Drama'], ratings: [{ tmdb_id: tmdbIdOf(0), movie_id: 1, rating: 4 }, ...ratingsFor([1, 2, 3, 4])] },
        400,
        /exactly one of tmdb_id and movie_id/,
      ],
      ['{"genres": [', 400, /./],
    ];
    for (const [body, status, message] of cases) {
      const res = await post('/api/users/cold_start/', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.message).toMatch(message);
    }
    expect((await post('/api/users/1/rate/', { tmdb_id: tmdbIdOf(1), rating: 4 })).body.error.code).toBe('forbidden');
    expect((await post('/api/users/9999/rate/', { tmdb_id: tmdbIdOf(1), rating: 4 })).status).toBe(404);
    expect((await get('/api/users/abc/ratings/')).status).toBe(400);
    expect((await get('/api/users/9999/statistics/')).status).toBe(404);
    expect((await get('/api/users/?limit=0')).body.error.issues).toEqual([
      expect.objectContaining({ path: 'query.limit' }),
    ]);
  });
});

describe('recommendations', () => {
  it('For You: unrated movies, best first, each with a reason', async () => {
    const rated = new Set((await get('/api/users/2/ratings/?limit=100')).body.items.map((r: Json) => r.movie.id));
    const { status, body } = await get('/api/recommendations/for-you/?user_id=2&limit=10');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(10);
    expect(body.has_more).toBe(true);
    expect(body.source).toMatchObject({ encoder: 'weighted-average', index: 'embedded', degraded: false });
    for (const item of body.items) {
      expect(rated.has(item.id)).toBe(false);
      expect(item.reason).toMatch(/^Because you rated .+ \d(\.5)?★$/);
    }
    const scores = body.items.map((i: Json) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const next = await get('/api/recommendations/for-you/?user_id=2&limit=10&offset=10');
    expect(next.body.items.map((i: Json) => i.id)).not.toContain(body.items[0].id);
  });

  it('For You follows a cold-start user: one more rating changes the list', async () => {
    const { body } = await post('/api/users/cold_start/', {
      genres: ['Comedy'],
      ratings: ratingsFor([0, 4, 8, 12, 16], 5),
    });
    const before = (await get(`/api/recommendations/for-you/?user_id=${body.user.id}&limit=10`)).body.items;
    expect(before.filter((m: Json) => m.genres.includes('Comedy')).length).toBeGreaterThanOrEqual(5);
    await post(
      `/api/users/${body.user.id}/rate/`,
      { tmdb_id: tmdbIdOf(3), rating: 5 },
      { authorization: `Bearer ${body.token}` },
    );
    const after = (await get(`/api/recommendations/for-you/?user_id=${body.user.id}&limit=10`)).body.items;
    expect(after.map((m: Json) => m.id)).not.toEqual(before.map((m: Json) => m.id));
    expect(after.map((m: Json) => m.tmdb_id)).not.toContain(tmdbIdOf(3));
  });

  it('Because You Watched: rows named after recent liked movies', async () => {
    const { body } = await get('/api/recommendations/because-you-watched/?user_id=3&rows=2&limit=4');
    expect(body.rows.length).toBeGreaterThan(0);
    for (const row of body.rows) {
      expect(row.rating).toBeGreaterThanOrEqual(4);
      for (const item of row.items) expect(item.reason).toBe(`Because you watched ${row.because.title}`);
    }
  });

  it("Similar: the movie's neighbours, itself excluded, same genre first", async () => {
    const { body } = await get(`/api/recommendations/similar/?tmdb_id=${tmdbIdOf(5)}&limit=5`);
    expect(body.items.map((i: Json) => i.tmdb_id)).not.toContain(tmdbIdOf(5));
    expect(body.items[0].genres).toEqual([GENRES[1]]);
    expect(body.items[0].reason).toBe(`Similar to ${TITLES[5]}`);
    expect((await get('/api/recommendations/similar/?tmdb_id=424242')).status).toBe(404);
  });

  it('By Genre: personal picks inside the genre, or its top rated without a user', async () => {
    const personal = await get('/api/recommendations/by-genre/?genre=Horror&user_id=4&limit=5');
    expect(personal.body.items.length).toBeGreaterThan(0);
    for (const item of personal.body.items) expect(item.genres).toContain('Horror');
    const anonymous = await get('/api/recommendations/by-genre/?genre=Drama&limit=3');
    for (const item of anonymous.body.items) expect(item.reason).toMatch(/^Top rated in Drama/);
    expect((await get('/api/recommendations/by-genre/?genre=Nope&user_id=1')).status).toBe(400);
  });

  it('Trending, Top Rated and seed movies', async () => {
    const trending = await get('/api/recommendations/trending/?limit=5');
    expect(trending.body.items.length).toBeGreaterThan(0);
    expect(trending.body.items[0].reason).toMatch(/^Trending: \d+ ratings in the last \d+ days/);
    const comedy = await get('/api/recommendations/trending/?genre=Comedy');
    for (const item of comedy.body.items) expect(item.genres).toContain('Comedy');
    const top = await get('/api/recommendations/top-rated/?limit=3');
    expect(top.body.items.length).toBeGreaterThan(0);
    const seeds = await get('/api/recommendations/seed-movies/?genres=Comedy,Horror&limit=6');
    const genres = seeds.body.items.map((i: Json) => i.genres[0]);
    expect(new Set(genres)).toEqual(new Set(['Comedy', 'Horror']));
    expect((await get('/api/recommendations/seed-movies/?genres=Comedy,Bogus')).status).toBe(400);
  });

  it('never answers 500 to bad query strings', async () => {
    const paths = [
      'for-you/?user_id=-1',
      'for-you/?user_id=1.5',
      'for-you/',
      'for-you/?user_id=99999',
      'for-you/?user_id=1&limit=1000',
      'for-you/?user_id=1&offset=-3',
      'similar/?tmdb_id=abc',
      'by-genre/',
      'because-you-watched/?user_id=1&rows=0',
      'trending/?limit=x',
      'seed-movies/?limit=0',
      'for-you/?user_id=99999999999999',
    ];
    for (const path of paths) {
      const { status, body } = await get(`/api/recommendations/${path}`);
      expect([400, 404], path).toContain(status);
      expect(body.error.message.length, path).toBeGreaterThan(0);
    }
  });
});

describe('movies', () => {
  it("details with the user's rating, search with typos, genres", async () => {
    const ratedMovie = (await get('/api/users/1/ratings/?limit=1')).body.items[0];
    const { body } = await get(`/api/movies/${ratedMovie.movie.tmdb_id}/?user_id=1`);
    expect(body).toMatchObject({
      title: ratedMovie.movie.title,
      user_rating: ratedMovie.rating,
      metadata_source: 'snapshot',
    });
    const withPoster = (await get(`/api/movies/${tmdbIdOf(0)}/`)).body;
    expect(withPoster.poster_url).toBe('https://image.tmdb.org/t/p/w342/poster0.jpg');
    expect((await get(`/api/movies/${tmdbIdOf(1)}/`)).body.poster_url).toBeNull();
    const search = await get('/api/movies/search/?q=horor%20stroy');
    expect(search.body.items[0].title).toMatch(/^Horror Story/);
    expect((await get('/api/genres/')).body.items).toEqual(
      GENRES.map((name) => ({ name, movie_count: MOVIE_COUNT / 4 })).sort((a, b) => a.name.localeCompare(b.name)),
    );
    expect((await get('/api/movies/777777/')).status).toBe(404);
    expect((await get('/api/movies/search/?q=')).status).toBe(400);
    expect((await get('/api/movies/0/')).status).toBe(400);
  });
});
