/**
 * For a database only this process can write (embedded PGlite lives inside the process), history
 * versions need no query: each is read once, remembered, and forgotten when this store writes
 * that user's ratings. A per-user write counter stops a read that raced a write from remembering
 * the older version. Pages of the user list are kept alike until this store writes any user, and
 * for at most five minutes (see kept-user-pages.ts).
 */
import { keptUserPages, userPageKey } from './kept-user-pages.js';
import type { UserStore } from './users.port.js';

export function withSoleWriterVersions(store: UserStore): UserStore {
  const versions = new Map<number, string>();
  const writes = new Map<number, number>();

  const remember = (userId: number, writesBefore: number, version: string | null) => {
    if (version !== null && (writes.get(userId) ?? 0) === writesBefore) versions.set(userId, version);
  };

  const pages = keptUserPages();
  let anyWrites = 0;

  const listChanged = () => {
    anyWrites++;
    pages.clear();
  };

  const written = (userId: number) => {
    writes.set(userId, (writes.get(userId) ?? 0) + 1);
    versions.delete(userId);
    listChanged();
  };

  return {
    ...store,

    async historyVersion(userId) {
      const known = versions.get(userId);
      if (known !== undefined) return known;
      const writesBefore = writes.get(userId) ?? 0;
      const version = await store.historyVersion(userId);
      remember(userId, writesBefore, version);
      return version;
    },

    async history(userId) {
      const writesBefore = writes.get(userId) ?? 0;
      const history = await store.history(userId);
      remember(userId, writesBefore, history?.version ?? null);
      return history;
    },

    async listUsers(query) {
      const key = userPageKey(query);
      const known = pages.get(key);
      if (known !== undefined) return known;
      const writesBefore = anyWrites;
      const page = await store.listUsers(query);
      if (anyWrites === writesBefore) pages.set(key, page);
      return page;
    },

    async createColdStartUser(input) {
      try {
        return await store.createColdStartUser(input);
      } finally {
        listChanged();
      }
    },

    async rate(userId, rating) {
      try {
        return await store.rate(userId, rating);
      } finally {
        written(userId);
      }
    },
  };
}
