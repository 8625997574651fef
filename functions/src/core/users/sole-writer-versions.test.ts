import { describe, expect, it } from 'vitest';
import { withSoleWriterVersions } from './sole-writer-versions.js';
import type { UserStore } from './users.port.js';

/** A store over one user whose version counts its ratings; version reads can be held mid-flight. */
function fakeStore() {
  const state = { version: 0, versionReads: 0, hold: null as Promise<void> | null };
  const store = {
    async historyVersion(userId: number) {
      state.versionReads++;
      const version = String(state.version);
      if (state.hold) await state.hold;
      return userId === 1 ? version : null;
    },
    async history(userId: number) {
      return userId === 1 ? { version: String(state.version), entries: [] } : null;
    },
    async rate() {
      state.version++;
      return { created: true, ratedAt: new Date() };
    },
  } as unknown as UserStore;
  return { state, store };
}

describe('withSoleWriterVersions', () => {
  it('reads a version once and forgets it when this store writes the user', async () => {
    const { state, store } = fakeStore();
    const users = withSoleWriterVersions(store);
    expect(await users.historyVersion(1)).toBe('0');
    expect(await users.historyVersion(1)).toBe('0');
    expect(state.versionReads).toBe(1);
    await users.rate(1, { movieId: 5, rating: 4 });
    expect(await users.historyVersion(1)).toBe('1');
    expect(state.versionReads).toBe(2);
    expect(await users.historyVersion(2)).toBeNull();
    expect(await users.historyVersion(2)).toBeNull(); // unknown users are asked again
    expect(state.versionReads).toBe(4);
  });

  it('does not remember a version read before a write that finished first', async () => {
    const { state, store } = fakeStore();
    const users = withSoleWriterVersions(store);
    let release!: () => void;
    state.hold = new Promise((resolve) => (release = resolve));
    const racing = users.historyVersion(1); // reads version 0, then waits
    await users.rate(1, { movieId: 5, rating: 4 });
    state.hold = null;
    release();
    expect(await racing).toBe('0');
    expect(await users.historyVersion(1)).toBe('1');
  });

  it('remembers the version a history read returned', async () => {
    const { state, store } = fakeStore();
    const users = withSoleWriterVersions(store);
    await users.history(1);
    expect(await users.historyVersion(1)).toBe('0');
    expect(state.versionReads).toBe(0);
  });
});

describe('withSoleWriterVersions: the user list', () => {
  const query = { sort: 'ratings' as const, limit: 20, offset: 0 };

  function listingStore() {
    const state = { listed: 0, users: 1, hold: null as Promise<void> | null };
    const store = {
      async listUsers() {
        state.listed++;
        const total = state.users;
        if (state.hold) await state.hold;
        return { items: [], total, hasMore: false };
      },
      async rate() {
        return { created: true, ratedAt: new Date() };
      },
      async createColdStartUser() {
        state.users++;
        return { id: state.users };
      },
    } as unknown as UserStore;
    return { state, store };
  }

  it('keeps a page until this store writes a rating or a user, per query', async () => {
    const { state, store } = listingStore();
    const users = withSoleWriterVersions(store);
    await users.listUsers(query);
    expect((await users.listUsers(query)).total).toBe(1);
    expect(state.listed).toBe(1);
    await users.listUsers({ ...query, offset: 20 });
    expect(state.listed).toBe(2);
    await users.rate(1, { movieId: 5, rating: 4 });
    await users.listUsers(query);
    expect(state.listed).toBe(3);
    await users.createColdStartUser({ tokenHash: 'x', preferredGenres: [], ratings: [] });
    expect((await users.listUsers(query)).total).toBe(2);
  });

  it('does not keep a page read before a write that finished first', async () => {
    const { state, store } = listingStore();
    const users = withSoleWriterVersions(store);
    let release!: () => void;
    state.hold = new Promise((resolve) => (release = resolve));
    const racing = users.listUsers(query);
    await users.createColdStartUser({ tokenHash: 'x', preferredGenres: [], ratings: [] });
    state.hold = null;
    release();
    expect((await racing).total).toBe(1);
    expect((await users.listUsers(query)).total).toBe(2);
  });
});
