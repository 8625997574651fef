import { describe, expect, it } from 'vitest';
import { testDrivers } from '../testing/test-databases.js';
import { useTestDatabase } from '../testing/use-test-database.js';
import { moviePayloads } from './movie-payloads.repository.js';
import { movieIdsByMovieLensId, upsertMovieLensMovies } from './movies.repository.js';
import { catalogMovie } from './trending-fixture.test-helper.js';

describe.each(testDrivers)('movie payloads on %s', (driver) => {
  const t = useTestDatabase(driver);

  it('looks up TMDB id, genres and year by movie id, leaving unknown ids out', async () => {
    await upsertMovieLensMovies(t.db, [
      catalogMovie({ movielensId: 1, tmdbId: 862, title: 'Toy Story', year: 1995, genres: ['Animation', 'Children'] }),
      catalogMovie({ movielensId: 2, title: 'Unknown year' }),
    ]);
    const ids = await movieIdsByMovieLensId(t.db);
    const [toyStory, other] = [ids.get(1)!, ids.get(2)!];
    const payloads = await moviePayloads(t.db, [toyStory, other, 999_999]);
    expect(payloads).toEqual(
      new Map([
        [toyStory, { tmdbId: 862, genres: ['Animation', 'Children'], year: 1995 }],
        [other, { tmdbId: null, genres: [], year: null }],
      ]),
    );
    expect(await moviePayloads(t.db, [])).toEqual(new Map());
  });
});
