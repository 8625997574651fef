/** read_only: one rule (isReadOnly) behind what the service shows of a user and whether it lets anyone rate as it. */
import { describe, expect, it } from 'vitest';
import type { CatalogStore, MovieRecord } from '../catalog/catalog.port.js';
import { hashToken } from './tokens.js';
import { createUserService, isReadOnly } from './users.js';
import type { UserKind, UserRecord, UserStore } from './users.port.js';

const TOKEN = 'secret';
const record = (id: number, kind: UserKind): UserRecord => ({
  id,
  kind,
  movielensId: kind === 'movielens' ? id : null,
  tokenHash: kind === 'cold_start' ? hashToken(TOKEN) : null,
  preferredGenres: [],
  createdAt: new Date(0),
});
const USERS = [record(1, 'movielens'), record(2, 'cold_start')];
const MOVIE = { id: 7, tmdbId: 70 } as MovieRecord;

/** A store over USERS and a catalog of MOVIE: just what list, statistics and rate read. */
function service(demoWrites: boolean) {
  const users = {
    async listUsers(page) {
      const items = USERS.map((u) => ({ ...u, ratingCount: 0, topGenres: [], favoriteMovies: [] }));
      return { items, limit: page.limit, offset: page.offset, total: items.length, hasMore: false };
    },
    userById: async (id) => USERS.find((u) => u.id === id) ?? null,
    statistics: async () => ({
      ratingCount: 0,
      averageRating: null,
      firstRatedAt: null,
      lastRatedAt: null,
      distribution: [],
      topGenres: [],
      activity: [],
    }),
    rate: async () => ({ created: true, ratedAt: new Date(0) }),
  } as Partial<UserStore> as UserStore;
  const catalog = {
    moviesByTmdbIds: async (ids) => new Map(ids.filter((id) => id === MOVIE.tmdbId).map((id) => [id, MOVIE])),
    moviesByIds: async () => new Map(),
  } as Partial<CatalogStore> as CatalogStore;
  return createUserService({ users, catalog, demoWrites });
}

describe('read-only users', () => {
  it('are MovieLens users while demo writes are off, and nobody else', () => {
    expect(isReadOnly({ kind: 'movielens' }, false)).toBe(true);
    expect(isReadOnly({ kind: 'movielens' }, true)).toBe(false);
    expect(isReadOnly({ kind: 'cold_start' }, false)).toBe(false);
    expect(isReadOnly({ kind: 'cold_start' }, true)).toBe(false);
  });

  it.each([false, true])('show as read-only exactly when rating as them is refused (demo writes %s)', async (demo) => {
    const users = service(demo);
    const listed = (await users.list({ limit: 10, offset: 0, sort: 'id' })).items;
    for (const user of USERS) {
      const readOnly = isReadOnly(user, demo);
      expect(listed.find((u) => u.id === user.id)!.readOnly).toBe(readOnly);
      expect((await users.statistics(user.id)).user.readOnly).toBe(readOnly);
      const rating = users.rate(user.id, TOKEN, { movie: { tmdbId: MOVIE.tmdbId! }, rating: 4 });
      if (readOnly) await expect(rating).rejects.toMatchObject({ code: 'forbidden' });
      else await expect(rating).resolves.toMatchObject({ created: true });
    }
  });
});
