/**
 * Users: the impersonation list, cold-start onboarding, ratings and statistics. Writes are
 * authorized here: a cold-start user's ratings need its token; MovieLens users are read-only
 * unless the deployment allows demo writes.
 */
import { requireGenres } from '../catalog/genres.js';
import type { CatalogStore } from '../catalog/catalog.port.js';
import { type MovieRef, resolveMovieRefs } from '../catalog/movie-refs.js';
import { CodedError } from '../errors.js';
import type { PageRequest, Paged } from '../paging.js';
import { hashToken, newToken, tokenMatches } from './tokens.js';
import type {
  UserKind,
  UserListQuery,
  UserRatingEntry,
  UserRecord,
  UserStatistics,
  UserStore,
  UserSummary,
} from './users.port.js';

/** Onboarding asks for at least this many ratings (the product's rule). */
export const MIN_ONBOARDING_RATINGS = 5;

export interface UserServiceDeps {
  users: UserStore;
  catalog: CatalogStore;
  demoWrites: boolean;
}

/** Whether this deployment refuses ratings as the user (the API's read_only). */
export interface UserAccess {
  readOnly: boolean;
}

/**
 * The one rule for read-only users, behind both the rating guard and what the API shows: MovieLens
 * users are read-only unless demo writes are on; cold-start users rate with their token.
 */
export function isReadOnly(user: { kind: UserKind }, demoWrites: boolean): boolean {
  return user.kind === 'movielens' && !demoWrites;
}

export interface RatingInput {
  movie: MovieRef;
  rating: number;
}

function checkRatingValue(rating: number): void {
  if (!(rating >= 0.5 && rating <= 5 && Number.isInteger(rating * 2))) {
    throw new CodedError('invalid_input', `rating ${rating}: expected 0.5 to 5 in steps of 0.5`);
  }
}

export function createUserService({ users, catalog, demoWrites }: UserServiceDeps) {
  async function existingUser(id: number): Promise<UserRecord> {
    const user = await users.userById(id);
    if (!user) throw new CodedError('not_found', `no user with id ${id}`);
    return user;
  }

  const listedPages = new WeakMap<Paged<UserSummary>, Paged<UserSummary & UserAccess>>();

  const withAccess = <T extends { kind: UserKind }>(user: T): T & UserAccess => ({
    ...user,
    readOnly: isReadOnly(user, demoWrites),
  });

  function authorizeWrite(user: UserRecord, bearerToken: string | undefined): void {
    if (isReadOnly(user, demoWrites)) {
      throw new CodedError('forbidden', `user ${user.id} is a MovieLens user and read-only here (DEMO_WRITES is off)`);
    }
    if (user.kind === 'movielens') return; // demo writes: anyone may rate as a MovieLens user
    if (!bearerToken)
      throw new CodedError('unauthorized', `rating as user ${user.id} needs its token (Authorization: Bearer <token>)`);
    if (!user.tokenHash || !tokenMatches(bearerToken, user.tokenHash)) {
      throw new CodedError('forbidden', `the token does not belong to user ${user.id}`);
    }
  }

  return {
    existingUser,

    /** The same page object for the same stored page, so a page the store keeps is serialized once. */
    async list(query: UserListQuery): Promise<Paged<UserSummary & UserAccess>> {
      const page = await users.listUsers(query);
      let listed = listedPages.get(page);
      if (listed === undefined) listedPages.set(page, (listed = { ...page, items: page.items.map(withAccess) }));
      return listed;
    },

    /** Creates a user from chosen genres and ≥ 5 ratings; returns it with its secret token (shown once). */
    async coldStart(input: {
      genres: readonly string[];
      ratings: readonly RatingInput[];
    }): Promise<{ user: UserRecord & UserAccess; token: string }> {
      const genres = requireGenres(input.genres);
      input.ratings.forEach((r) => checkRatingValue(r.rating));
      if (input.ratings.length < MIN_ONBOARDING_RATINGS) {
        throw new CodedError(
          'unprocessable',
          `ratings: rate at least ${MIN_ONBOARDING_RATINGS} movies (got ${input.ratings.length})`,
        );
      }
      const movies = await resolveMovieRefs(
        catalog,
        input.ratings.map((r) => r.movie),
      );
      const ids = movies.map((m) => m.id);
      const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
      if (repeated.length > 0)
        throw new CodedError('unprocessable', `ratings: movie ${repeated.join(', ')} is rated more than once`);
      const token = newToken();
      const user = await users.createColdStartUser({
        tokenHash: hashToken(token),
        preferredGenres: genres,
        ratings: movies.map((m, i) => ({ movieId: m.id, rating: input.ratings[i]!.rating })),
      });
      return { user: withAccess(user), token };
    },

    async ratings(userId: number, page: PageRequest): Promise<Paged<UserRatingEntry>> {
      await existingUser(userId);
      return users.ratingsOf(userId, page);
    },

    /** Rates (or re-rates) one movie as the user; idempotent for the same value. */
    async rate(userId: number, bearerToken: string | undefined, input: RatingInput) {
      const user = await existingUser(userId);
      authorizeWrite(user, bearerToken);
      checkRatingValue(input.rating);
      const [movie] = await resolveMovieRefs(catalog, [input.movie]);
      const written = await users.rate(user.id, { movieId: movie!.id, rating: input.rating });
      return { user, movie: movie!, rating: input.rating, ...written };
    },

    async statistics(userId: number): Promise<{ user: UserRecord & UserAccess; statistics: UserStatistics }> {
      const user = await existingUser(userId);
      return { user: withAccess(user), statistics: await users.statistics(userId) };
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
