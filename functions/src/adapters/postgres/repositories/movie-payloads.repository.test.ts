import { describe, expect, it } from 'vitest';
import { testDrivers } from '../testing/test-databases.js';
import { useTestDatabase } from '../testing/use-test-database.js';
import { moviePayloads, moviePayloadsDigest } from './movie-payloads.repository.js';
import { movieIdsByMovieLensId, upsertMovieLensMovies } from './movies.repository.js';
import { catalogMovie } from './trending-fixture.test-helper.js';

describe.each(testDrivers)('movie payloads on %s', (driver) => {
  const t = useTestDatabase(driver);

  it('looks up TMDB id, genres, year and the recommendable flag by movie id, leaving unknown ids out', async () => {
    await upsertMovieLensMovies(t.db, [
      catalogMovie({
        movielensId: 1,
        tmdbId: 862,
        title: 'Toy Story',
        year: 1995,
        genres: ['Animation', 'Children'],
        voteCount: 18_000,
      }),
      catalogMovie({ movielensId: 2, title: 'Unknown year' }),
    ]);
    const ids = await movieIdsByMovieLensId(t.db);
    const [toyStory, other] = [ids.get(1)!, ids.get(2)!];
    const payloads = await moviePayloads(t.db, [toyStory, other, 999_999]);
    expect(payloads).toEqual(
      new Map([
        [toyStory, { tmdbId: 862, genres: ['Animation', 'Children'], year: 1995, recommendable: true }],
        [other, { tmdbId: null, genres: [], year: null, recommendable: false }],
      ]),
    );
    expect(await moviePayloads(t.db, [])).toEqual(new Map());
  });

  it('applies each part of the recommendable rule', async () => {
    // Two years ahead: the database's current year may differ from this clock's around New Year.
    const later = new Date().getUTCFullYear() + 2;
    const cases = [
      { title: 'watchable by votes', year: 2001, genres: ['Drama'], voteCount: 10, recommendable: true },
      { title: 'too few votes, no ratings', year: 2001, genres: ['Drama'], voteCount: 9, recommendable: false },
      { title: 'no year', year: null, genres: ['Drama'], voteCount: 500, recommendable: false },
      { title: 'not released yet', year: later, genres: ['Drama'], voteCount: 500, recommendable: false },
      { title: 'no genres', year: 2001, genres: [], voteCount: 500, recommendable: false },
    ];
    await upsertMovieLensMovies(
      t.db,
      cases.map((c, i) => catalogMovie({ movielensId: 10 + i, tmdbId: 9000 + i, ...c })),
    );
    const ids = await movieIdsByMovieLensId(t.db);
    const payloads = await moviePayloads(
      t.db,
      cases.map((_, i) => ids.get(10 + i)!),
    );
    expect(cases.map((c, i) => [c.title, payloads.get(ids.get(10 + i)!)?.recommendable])).toEqual(
      cases.map((c) => [c.title, c.recommendable]),
    );
    // A stricter rule turns the first one off too.
    expect(
      (await moviePayloads(t.db, [ids.get(10)!], { minTmdbVotes: 11, minRatings: 1 })).get(ids.get(10)!)?.recommendable,
    ).toBe(false);
  });

  it('digests every payload: stable on a re-read, changed by metadata or by the rule', async () => {
    const digest = await moviePayloadsDigest(t.db);
    expect(await moviePayloadsDigest(t.db)).toBe(digest);
    expect(await moviePayloadsDigest(t.db, { minTmdbVotes: 11, minRatings: 1 })).not.toBe(digest);
    await t.db.updateTable('movies').set({ year: 2002 }).where('title', '=', 'watchable by votes').execute();
    expect(await moviePayloadsDigest(t.db)).not.toBe(digest);
  });
});
