/**
 * Contract test against the real TMDB API: it checks that the schemas and mapping still match
 * what TMDB serves. It runs only with TMDB_API_KEY or TMDB_READ_TOKEN set (needs the internet).
 */
import { describe, expect, it } from 'vitest';
import { createTmdbClient, type TmdbClient } from './client.js';

const apiKey = process.env['TMDB_API_KEY']?.trim() || undefined;
// With both set, the v3 key is used: the client takes exactly one credential.
const readToken = apiKey ? undefined : process.env['TMDB_READ_TOKEN']?.trim() || undefined;

describe.skipIf(!apiKey && !readToken)('TMDB API contract (set TMDB_API_KEY or TMDB_READ_TOKEN to run)', () => {
  // Created lazily: a skipped describe still runs its body to collect the tests.
  let client: TmdbClient | undefined;
  const tmdb = () => (client ??= createTmdbClient({ apiKey, readToken, timeoutMs: 15_000 }));

  it('movie(603) is The Matrix (1999), Sci-Fi and Action, with keywords', async () => {
    const movie = await tmdb().movie(603);
    expect(movie).toMatchObject({ tmdbId: 603, title: 'The Matrix', year: 1999, imdbId: 'tt0133093' });
    expect(movie?.genres).toEqual(expect.arrayContaining(['Action', 'Sci-Fi']));
    expect(movie?.keywords.length).toBeGreaterThan(0);
    expect(movie?.posterPath).toMatch(/^\/.+\.jpg$/);
  });

  it('an unknown id is null', async () => {
    expect(await tmdb().movie(999_999_999)).toBeNull();
  });

  it('searching "matrix" finds 603', async () => {
    const page = await tmdb().searchMovies('matrix');
    expect(page.totalResults).toBeGreaterThan(0);
    expect(page.results.map((r) => r.tmdbId)).toContain(603);
  });

  it('configuration has a secure image base URL', async () => {
    const config = await tmdb().configuration();
    expect(config.secureBaseUrl).toMatch(/^https:\/\//);
    expect(config.posterSizes.length).toBeGreaterThan(0);
  });
});
