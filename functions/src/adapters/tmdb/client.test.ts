import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CodedError } from '../../core/errors.js';
import { createTmdbClient, type TmdbClientOptions } from './client.js';
import { type FakeTmdbServer, MATRIX_RESPONSE, sendJson, startFakeTmdbServer } from './fake-tmdb-server.js';

let server: FakeTmdbServer;
let sleeps: number[];

beforeAll(async () => {
  server = await startFakeTmdbServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.inFlight.max = 0;
  sleeps = [];
});

function client(overrides: Partial<TmdbClientOptions> = {}) {
  return createTmdbClient({
    apiKey: 'test-key',
    baseUrl: `${server.origin}/3`,
    requestsPerSecond: Infinity,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    ...overrides,
  });
}

async function codedError(promise: Promise<unknown>): Promise<CodedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CodedError);
  return error as CodedError;
}

describe('movie()', () => {
  it('maps a realistic /movie response onto MovieMetadata', async () => {
    server.setHandler((_req, res) => sendJson(res, 200, MATRIX_RESPONSE));
    const movie = await client().movie(603);
    expect(movie).toEqual({
      tmdbId: 603,
      imdbId: 'tt0133093',
      title: 'The Matrix',
      year: 1999,
      genres: ['Action', 'Sci-Fi'], // "History" has no canonical counterpart
      overview: MATRIX_RESPONSE.overview,
      tagline: 'Welcome to the Real World.',
      runtime: 136,
      posterPath: '/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg',
      backdropPath: '/ncEsesgOJDNrTUED89hYbA117wo.jpg',
      voteAverage: 8.2,
      voteCount: 26007,
      popularity: 87.351,
      keywords: ['future', 'dystopia', 'artificial intelligence'],
    });
    const [request] = server.requests;
    expect(request?.url.pathname).toBe('/3/movie/603');
    expect(request?.url.searchParams.get('append_to_response')).toBe('keywords');
  });

  it('maps empty strings, 0 runtime and a missing keywords block to nulls and []', async () => {
    const { keywords: _keywords, ...withoutKeywords } = MATRIX_RESPONSE;
    server.setHandler((_req, res) =>
      sendJson(res, 200, {
        ...withoutKeywords,
        release_date: '',
        tagline: '',
        runtime: 0,
        poster_path: null,
        imdb_id: null,
      }),
    );
    const movie = await client().movie(603);
    expect(movie).toMatchObject({
      year: null,
      tagline: null,
      runtime: null,
      posterPath: null,
      imdbId: null,
      keywords: [],
    });
  });

  it('returns null on 404', async () => {
    server.setHandler((_req, res) =>
      sendJson(res, 404, { status_code: 34, status_message: 'The resource you requested could not be found.' }),
    );
    expect(await client().movie(999999999)).toBeNull();
    expect(server.requests).toHaveLength(1);
  });

  it('rejects a non-integer id without a request', async () => {
    expect((await codedError(client().movie(1.5))).code).toBe('invalid_input');
    expect(server.requests).toHaveLength(0);
  });
});

describe('auth', () => {
  beforeEach(() => server.setHandler((_req, res) => sendJson(res, 200, MATRIX_RESPONSE)));

  it('sends a v3 key as the api_key query parameter', async () => {
    await client({ apiKey: 'v3-key' }).movie(603);
    const [request] = server.requests;
    expect(request?.url.searchParams.get('api_key')).toBe('v3-key');
    expect(request?.headers.authorization).toBeUndefined();
  });

  it('sends a v4 read token as a bearer header', async () => {
    await client({ apiKey: undefined, readToken: 'v4-token' }).movie(603);
    const [request] = server.requests;
    expect(request?.headers.authorization).toBe('Bearer v4-token');
    expect(request?.url.searchParams.has('api_key')).toBe(false);
  });

  it('requires exactly one credential (empty strings count as unset)', () => {
    expect(() => client({ apiKey: '', readToken: undefined })).toThrow(/apiKey .* or a readToken .* is required/);
    expect(() => client({ apiKey: 'k', readToken: 't' })).toThrow(/not both/);
  });

  it('maps 401 to unauthorized without retrying', async () => {
    server.setHandler((_req, res) =>
      sendJson(res, 401, {
        status_code: 7,
        status_message: 'Invalid API key: You must be granted a valid key.',
        success: false,
      }),
    );
    const error = await codedError(client().movie(603));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(/TMDB rejected the API key .*Invalid API key/);
    expect(error.message).not.toContain('test-key');
    expect(server.requests).toHaveLength(1);
  });
});

describe('retries', () => {
  it('honours Retry-After on 429, then succeeds', async () => {
    server.setHandler((_req, res) =>
      server.requests.length === 1
        ? sendJson(res, 429, { status_code: 25 }, { 'retry-after': '2' })
        : sendJson(res, 200, MATRIX_RESPONSE),
    );
    const clock = 5_000;
    const movie = await client({ now: () => clock }).movie(603);
    expect(movie?.title).toBe('The Matrix');
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
  });

  it('gives up on repeated 5xx with unavailable, backing off exponentially', async () => {
    server.setHandler((_req, res) => sendJson(res, 503, { status_message: 'Service unavailable' }));
    const error = await codedError(client({ maxRetries: 3, retryBaseDelayMs: 100 }).movie(603));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/failed after 4 attempt\(s\): HTTP 503/);
    expect(server.requests).toHaveLength(4);
    // random() = 0 gives the lower bound of the jitter: half of 100, 200, 400.
    expect(sleeps).toEqual([50, 100, 200]);
  });

  it('does not retry other 4xx', async () => {
    server.setHandler((_req, res) => sendJson(res, 422, { status_message: 'page must be less than or equal to 500' }));
    const error = await codedError(client().searchMovies('matrix', { page: 501 }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('page must be less than or equal to 500');
    expect(server.requests).toHaveLength(1);
  });

  it('retries network errors', async () => {
    const error = await codedError(client({ baseUrl: 'http://127.0.0.1:1/3', maxRetries: 2 }).movie(603));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/failed after 3 attempt\(s\): network error/);
    expect(sleeps).toHaveLength(2);
  });

  it('times out a request that never answers', async () => {
    server.setHandler(() => {
      // never respond; close() drops the connection
    });
    const error = await codedError(client({ timeoutMs: 50, maxRetries: 1 }).movie(603));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/failed after 2 attempt\(s\): timed out after 50 ms/);
    expect(server.requests).toHaveLength(2);
  });
});

describe('response validation', () => {
  it('reports a changed response shape clearly', async () => {
    server.setHandler((_req, res) => sendJson(res, 200, { ...MATRIX_RESPONSE, genres: 'Action', title: undefined }));
    const error = await codedError(client().movie(603));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/GET \/movie\/603 returned an unexpected response/);
    expect(error.message).toMatch(/genres/);
    expect(error.message).toMatch(/title/);
  });

  it('reports a body that is not JSON', async () => {
    server.setHandler((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>maintenance</html>');
    });
    const error = await codedError(client().movie(603));
    expect(error.message).toMatch(/not JSON: <html>maintenance/);
  });
});

describe('searchMovies() and configuration()', () => {
  it('maps a search page and sends query, year and page', async () => {
    server.setHandler((_req, res) =>
      sendJson(res, 200, {
        page: 2,
        total_pages: 3,
        total_results: 45,
        results: [
          {
            adult: false,
            id: 603,
            title: 'The Matrix',
            release_date: '1999-03-31',
            poster_path: '/p.jpg',
            popularity: 87.3,
            genre_ids: [28],
          },
          { id: 1, title: 'Untitled', release_date: '', poster_path: null },
        ],
      }),
    );
    const page = await client().searchMovies('the matrix', { year: 1999, page: 2 });
    expect(page).toEqual({
      page: 2,
      totalPages: 3,
      totalResults: 45,
      results: [
        { tmdbId: 603, title: 'The Matrix', year: 1999, posterPath: '/p.jpg', popularity: 87.3 },
        { tmdbId: 1, title: 'Untitled', year: null, posterPath: null, popularity: null },
      ],
    });
    const params = server.requests[0]?.url.searchParams;
    expect(server.requests[0]?.url.pathname).toBe('/3/search/movie');
    expect([params?.get('query'), params?.get('year'), params?.get('page')]).toEqual(['the matrix', '1999', '2']);
  });

  it('maps the image configuration', async () => {
    server.setHandler((_req, res) =>
      sendJson(res, 200, {
        change_keys: ['adult'],
        images: {
          base_url: 'http://image.tmdb.org/t/p/',
          secure_base_url: 'https://image.tmdb.org/t/p/',
          backdrop_sizes: ['w300', 'original'],
          logo_sizes: ['w45'],
          poster_sizes: ['w92', 'w500', 'original'],
          profile_sizes: ['w45'],
          still_sizes: ['w92'],
        },
      }),
    );
    const config = await client().configuration();
    expect(config.secureBaseUrl).toBe('https://image.tmdb.org/t/p/');
    expect(config.posterSizes).toEqual(['w92', 'w500', 'original']);
    expect(config.backdropSizes).toEqual(['w300', 'original']);
  });
});

describe('throughput limits', () => {
  it('never has more requests in flight than the concurrency limit', async () => {
    server.setHandler((_req, res) => {
      setTimeout(() => sendJson(res, 200, MATRIX_RESPONSE), 20);
    });
    const tmdb = client({ concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => tmdb.movie(i + 1)));
    expect(server.requests).toHaveLength(12);
    expect(server.inFlight.max).toBe(3);
  });

  it('spaces request starts by 1/requestsPerSecond (fake clock)', async () => {
    server.setHandler((_req, res) => sendJson(res, 200, MATRIX_RESPONSE));
    let clock = 1_000_000;
    const starts: number[] = [];
    const tmdb = client({
      requestsPerSecond: 10,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
      fetch: (input, init) => {
        starts.push(clock);
        return fetch(input, init);
      },
    });
    for (let i = 0; i < 4; i++) await tmdb.movie(603); // sequential: each waits out the previous slot
    expect(starts).toEqual([1_000_000, 1_000_100, 1_000_200, 1_000_300]);

    clock += 5_000; // idle long enough: the next request goes at once
    sleeps.length = 0;
    await tmdb.movie(603);
    expect(sleeps).toEqual([]);
  });
});
