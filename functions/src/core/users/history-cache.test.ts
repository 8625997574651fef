import { describe, expect, it } from 'vitest';
import { createHistoryCache } from './history-cache.js';
import type { History } from './users.port.js';

/** A store whose user 1 has a history that the test rewrites, counting the reads. */
function fakeStore() {
  const state = { history: { version: '1', entries: [{ movieId: 10, rating: 4 }] } as History, historyReads: 0 };
  const store = {
    historyVersion: async (userId: number) => (userId === 1 ? state.history.version : null),
    history: async (userId: number) => {
      state.historyReads++;
      return userId === 1 ? state.history : null;
    },
  };
  return { state, store };
}

describe('createHistoryCache', () => {
  it('reads a history once per version', async () => {
    const { state, store } = fakeStore();
    const cache = createHistoryCache(store, { maxRatings: 100 });
    const first = await cache.at(1, await cache.version(1));
    expect(first.entries).toEqual([{ movieId: 10, rating: 4 }]);
    await cache.at(1, await cache.version(1));
    expect(state.historyReads).toBe(1);

    state.history = { version: '2', entries: [...state.history.entries, { movieId: 11, rating: 5 }] };
    expect((await cache.at(1, await cache.version(1))).entries).toHaveLength(2);
    expect(state.historyReads).toBe(2);
  });

  it('names a missing user', async () => {
    const cache = createHistoryCache(fakeStore().store, { maxRatings: 100 });
    await expect(cache.version(7)).rejects.toMatchObject({ code: 'not_found', message: 'no user with id 7' });
    await expect(cache.at(7, '1')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('holds no more ratings than its bound', async () => {
    const { state, store } = fakeStore();
    state.history = { version: '1', entries: Array.from({ length: 200 }, (_, i) => ({ movieId: i, rating: 3 })) };
    const cache = createHistoryCache(store, { maxRatings: 100 });
    await cache.at(1, '1');
    await cache.at(1, '1');
    expect(state.historyReads).toBe(2); // too big to keep
  });
});
