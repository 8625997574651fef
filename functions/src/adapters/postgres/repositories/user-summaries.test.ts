/**
 * The user list's summaries over a crafted catalog: raw counts would give every user Drama and
 * Comedy, lift gives each its own genres; support thresholds, the raw-count fallback, and favourite
 * movies (best rated, posters first, capped at four), on every driver.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { UserSummary } from '../../../core/users/users.port.js';
import { withVersionedUserList } from '../../../core/users/versioned-user-list.js';
import { testDrivers } from '../testing/test-databases.js';
import { useTestDatabase } from '../testing/use-test-database.js';
import { movieIdsByMovieLensId, upsertMovieLensMovies } from './movies.repository.js';
import { upsertRatings } from './ratings.repository.js';
import { catalogMovie, FIXTURE_END } from './trending-fixture.test-helper.js';
import { createUserListVersion } from './user-list-version.js';
import { createUserStore } from './user.store.js';
import { ensureMovieLensUsers } from './users.repository.js';

/** Single-genre movies, `count` of each genre; MovieLens id = genre block + index. */
const CATALOG: [genre: string, count: number][] = [
  ['Drama', 12],
  ['Comedy', 12],
  ['Horror', 4],
  ['Thriller', 4],
  ['Sci-Fi', 4],
  ['Adventure', 4],
  ['Western', 4],
  ['War', 4],
  ['Musical', 4],
  ['Romance', 4],
  ['Film-Noir', 1],
];
const movielensIdOf = (genre: string, i: number) => 100 * (CATALOG.findIndex(([g]) => g === genre) + 1) + i;

/**
 * MovieLens user id → how many movies it rated in each genre (the first ones of the genre). Users
 * 1–4 rate Drama and Comedy most, but each also rates two genres nobody else does; user 5 rates one
 * Film-Noir movie, which alone would have the highest lift; user 6 has too few ratings for three
 * genres to qualify.
 */
const RATED: Record<number, Record<string, number>> = {
  1: { Drama: 12, Comedy: 8, Horror: 4, Thriller: 4 },
  2: { Drama: 8, Comedy: 12, 'Sci-Fi': 4, Adventure: 4 },
  3: { Drama: 10, Comedy: 10, Western: 4, War: 4 },
  4: { Drama: 10, Comedy: 10, Musical: 4, Romance: 4 },
  5: { Drama: 10, Comedy: 10, Horror: 4, 'Film-Noir': 1 },
  6: { Drama: 3, War: 1, Western: 1 },
};

/** User 1's ratings other than 3 stars, and the movies without a poster (all others have one). */
const USER_1_STARS: Record<number, number> = {
  [movielensIdOf('Horror', 0)]: 5, // no poster: loses to any movie with one
  [movielensIdOf('Drama', 0)]: 5,
  [movielensIdOf('Drama', 1)]: 5, // same votes as Drama 0, rated earlier: after it
  [movielensIdOf('Drama', 2)]: 5, // most votes among the five-star movies
  [movielensIdOf('Comedy', 0)]: 4.5,
  [movielensIdOf('Comedy', 1)]: 4.5, // fewer votes than Comedy 0: fifth, cut
};
const NO_POSTER = new Set([movielensIdOf('Horror', 0), movielensIdOf('War', 0), movielensIdOf('Western', 0)]);
const VOTES: Record<number, number> = { [movielensIdOf('Drama', 2)]: 900, [movielensIdOf('Comedy', 1)]: 10 };

async function seed(db: Parameters<typeof upsertMovieLensMovies>[0]): Promise<Map<number, number>> {
  await upsertMovieLensMovies(
    db,
    CATALOG.flatMap(([genre, count]) =>
      Array.from({ length: count }, (_, i) => {
        const movielensId = movielensIdOf(genre, i);
        return catalogMovie({
          movielensId,
          tmdbId: movielensId,
          title: `${genre} ${i}`,
          year: 2000,
          genres: [genre],
          posterPath: NO_POSTER.has(movielensId) ? null : `/p${movielensId}.jpg`,
          voteCount: VOTES[movielensId] ?? 100,
        });
      }),
    ),
  );
  const movies = await movieIdsByMovieLensId(db);
  const { ids: users } = await ensureMovieLensUsers(db, Object.keys(RATED).map(Number));
  await upsertRatings(
    db,
    Object.entries(RATED).flatMap(([user, genres]) =>
      Object.entries(genres).flatMap(([genre, count]) =>
        Array.from({ length: count }, (_, i) => {
          const movielensId = movielensIdOf(genre, i);
          return {
            userId: users.get(Number(user))!,
            movieId: movies.get(movielensId)!,
            rating: user === '1' ? (USER_1_STARS[movielensId] ?? 3) : 3,
            ratedAt: FIXTURE_END - movielensId * 60, // lower ids rated later
          };
        }),
      ),
    ),
  );
  return users;
}

describe.each(testDrivers)('user summaries on %s', (driver) => {
  const t = useTestDatabase(driver);
  let byMovieLensId: Map<number, UserSummary>;

  beforeAll(async () => {
    await seed(t.db);
    const page = await createUserStore(t.db).listUsers({ limit: 10, offset: 0, sort: 'id' });
    byMovieLensId = new Map(page.items.map((u) => [u.movielensId!, u]));
  });

  it("ranks genres by lift, so each user shows its own instead of everyone's Drama and Comedy", async () => {
    expect(byMovieLensId.get(1)!.topGenres).toEqual(['Thriller', 'Horror', 'Drama']); // Horror: user 5's too
    expect(byMovieLensId.get(2)!.topGenres).toEqual(['Adventure', 'Sci-Fi', 'Comedy']); // equal lift: by name
    expect(byMovieLensId.get(3)!.topGenres).toEqual(['War', 'Western', 'Comedy']);
    expect(byMovieLensId.get(4)!.topGenres).toEqual(['Musical', 'Romance', 'Comedy']);
    // The statistics rank by count, as their charts do: Drama and Comedy first for all four.
    const users = createUserStore(t.db);
    for (const movielensId of [1, 2, 3, 4]) {
      const stats = await users.statistics(byMovieLensId.get(movielensId)!.id);
      expect(
        stats.topGenres
          .slice(0, 2)
          .map((g) => g.genre)
          .sort(),
      ).toEqual(['Comedy', 'Drama']);
    }
  });

  it('lets no genre win on a single rating', () => {
    // Film-Noir (one rating, nobody else's) has the highest lift of user 5's genres but too little support.
    expect(byMovieLensId.get(5)!.topGenres).toEqual(['Horror', 'Comedy', 'Drama']);
  });

  it('fills the genres that lack support by count', () => {
    expect(byMovieLensId.get(6)!.topGenres).toEqual(['Drama', 'War', 'Western']);
  });

  it('shows four best-rated movies, posters first, ties by TMDB votes then the latest rating', () => {
    expect(byMovieLensId.get(1)!.favoriteMovies.map((m) => m.title)).toEqual([
      'Drama 2',
      'Drama 0',
      'Drama 1',
      'Comedy 0',
    ]);
    // User 6 rated only three movies with a poster: then the best of the rest (Western 0, rated after War 0).
    expect(byMovieLensId.get(6)!.favoriteMovies.map((m) => m.title)).toEqual([
      'Drama 2',
      'Drama 0',
      'Drama 1',
      'Western 0',
    ]);
  });

  it('shows a new rating on the next listing, through the kept summaries and the stored count', async () => {
    const users = createUserStore(t.db);
    const listed = async () =>
      (await users.listUsers({ limit: 10, offset: 0, sort: 'ratings' })).items.find((u) => u.movielensId === 6)!;
    const before = await listed();
    expect(before.ratingCount).toBe(5);
    const movies = await movieIdsByMovieLensId(t.db);
    const musical = movies.get(movielensIdOf('Musical', 1))!;
    await upsertRatings(t.db, [{ userId: before.id, movieId: musical, rating: 5, ratedAt: FIXTURE_END }]);
    const after = await listed();
    expect(after.ratingCount).toBe(6);
    expect(after.favoriteMovies[0]!.title).toBe('Musical 1');
    const page = await users.listUsers({ limit: 10, offset: 0, sort: 'ratings' });
    const counts = page.items.map((u) => u.ratingCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('keeps pages by the database version, so a write by another instance shows on the next listing', async () => {
    const instance = () => withVersionedUserList(createUserStore(t.db), createUserListVersion(t.db));
    const [reader, writer] = [instance(), instance()];
    const query = { limit: 10, offset: 0, sort: 'ratings' as const };
    const user6 = async () => (await reader.listUsers(query)).items.find((u) => u.movielensId === 6)!;
    const before = await reader.listUsers(query);
    expect(await reader.listUsers(query)).toBe(before);
    const { id, ratingCount } = await user6();
    const movies = await movieIdsByMovieLensId(t.db);
    await writer.rate(id, { movieId: movies.get(movielensIdOf('Romance', 1))!, rating: 4.5 });
    expect((await user6()).ratingCount).toBe(ratingCount + 1);
    await writer.createColdStartUser({ tokenHash: 'h', preferredGenres: ['War'], ratings: [] });
    expect((await reader.listUsers(query)).total).toBe(before.total! + 1);
  });

  it.skipIf(driver === 'pglite')(
    'lets other writers bump the list version while a long transaction holds one of its counters',
    async () => {
      const listVersion = createUserListVersion(t.db);
      const before = BigInt(await listVersion());
      await t.db.transaction().execute(async (long) => {
        await ensureMovieLensUsers(long, [9001]);
        // Another connection writes while `long` is open: it must not wait for it to commit.
        const other = ensureMovieLensUsers(t.db, [9002]).then(() => 'written');
        const waited = new Promise((resolve) => setTimeout(resolve, 5_000, 'waited for the long transaction'));
        expect(await Promise.race([other, waited])).toBe('written');
      });
      expect(BigInt(await listVersion())).toBeGreaterThanOrEqual(before + 2n);
    },
  );
});
