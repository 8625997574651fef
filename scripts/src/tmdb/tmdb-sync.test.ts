import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDrivers, type TestDatabase } from '@movierec/functions/testing';
import { createTmdbClient, type TmdbClient } from '@movierec/functions/data-sources';
import { MATRIX_RESPONSE, sendJson, startFakeTmdbServer, type FakeTmdbServer } from '@movierec/functions/testing';
import { upsertMovieLensMovies } from '@movierec/functions/database';
import { catalogMovieFromMovieLens } from '@movierec/functions/core';
import { enrichFromTmdb, growFromTmdbExport } from './tmdb-sync.js';

let server: FakeTmdbServer;
let client: TmdbClient;

beforeAll(async () => {
  // TMDB knows The Matrix (603) and, under other ids, copies of it; everything else is a 404.
  server = await startFakeTmdbServer((request, response) => {
    const id = Number(/\/movie\/(\d+)$/.exec(request.url.pathname)?.[1]);
    if (id === 603) return sendJson(response, 200, MATRIX_RESPONSE);
    if (id === 1001 || id === 1002) return sendJson(response, 200, { ...MATRIX_RESPONSE, id, title: `Copy ${id}` });
    sendJson(response, 404, { status_code: 34, status_message: 'The resource you requested could not be found.' });
  });
  client = createTmdbClient({ apiKey: 'test-key', baseUrl: server.origin, requestsPerSecond: 1000 });
});
afterAll(() => server.close());

describe.each(testDrivers)('TMDB sync on %s', (driver) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(driver);
    await upsertMovieLensMovies(t.db, [
      catalogMovieFromMovieLens(
        {
          movielensId: 2571,
          title: 'Matrix, The',
          year: 1999,
          genres: ['Action', 'Sci-Fi', 'Thriller'],
          imdbId: null,
          tmdbId: 603,
        },
        undefined,
        'snapshot',
      ),
      catalogMovieFromMovieLens(
        { movielensId: 1, title: 'Gone', year: 1995, genres: ['Drama'], imdbId: null, tmdbId: 999_999 },
        undefined,
        'snapshot',
      ),
    ]);
  });
  afterEach(() => t.dispose());

  it('enriches loaded movies from the API, keeping MovieLens genres; a re-run has nothing left to do', async () => {
    expect(await enrichFromTmdb({ db: t.db, client, limit: 100 })).toEqual({ requested: 2, updated: 1, notFound: 1 });
    const matrix = await t.db.selectFrom('movies').selectAll().where('tmdb_id', '=', 603).executeTakeFirstOrThrow();
    expect(matrix).toMatchObject({
      title: 'The Matrix',
      genres: ['Action', 'Sci-Fi', 'Thriller'],
      metadata_source: 'tmdb',
      runtime: 136,
    });
    expect(matrix.poster_path).toMatch(/^\/.+\.jpg$/);
    expect(matrix.metadata_fetched_at).toBeInstanceOf(Date);
    expect(await enrichFromTmdb({ db: t.db, client, limit: 100 })).toEqual({ requested: 1, updated: 0, notFound: 1 });
    expect(
      await enrichFromTmdb({ db: t.db, client, limit: 100, staleBefore: new Date(Date.now() + 60_000) }),
    ).toMatchObject({ requested: 2 });
  });

  it('grows the catalog with popular export entries it lacks', async () => {
    async function* exportMovies() {
      yield { tmdbId: 603, originalTitle: 'The Matrix', popularity: 90, adult: false, video: false };
      yield { tmdbId: 1001, originalTitle: 'Copy', popularity: 50, adult: false, video: false };
      yield { tmdbId: 1002, originalTitle: 'Copy', popularity: 40, adult: false, video: false };
      yield { tmdbId: 1003, originalTitle: 'Adult', popularity: 99, adult: true, video: false };
      yield { tmdbId: 1004, originalTitle: 'Obscure', popularity: 0.1, adult: false, video: false };
    }
    const report = await growFromTmdbExport({
      db: t.db,
      client,
      exportMovies: exportMovies(),
      minPopularity: 1,
      limit: 1,
    });
    expect(report).toEqual({ scanned: 5, candidates: 1, inserted: 1, notFound: 0 });
    const grown = await t.db
      .selectFrom('movies')
      .select(['title', 'movielens_id', 'metadata_source', 'metadata_fetched_at'])
      .where('tmdb_id', '=', 1001)
      .executeTakeFirstOrThrow();
    expect(grown).toMatchObject({ title: 'Copy 1001', movielens_id: null, metadata_source: 'tmdb' });
    expect(grown.metadata_fetched_at).toBeInstanceOf(Date);
  });
});
