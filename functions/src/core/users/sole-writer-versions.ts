/**
 * For a database only this process can write (embedded PGlite lives inside the process), history
 * versions need no query: each is read once, remembered, and forgotten when this store writes
 * that user's ratings. A per-user write counter stops a read that raced a write from remembering
 * the older version.
 */
import type { UserStore } from './users.port.js';

export function withSoleWriterVersions(store: UserStore): UserStore {
  const versions = new Map<number, string>();
  const writes = new Map<number, number>();

  const remember = (userId: number, writesBefore: number, version: string | null) => {
    if (version !== null && (writes.get(userId) ?? 0) === writesBefore) versions.set(userId, version);
  };

  const written = (userId: number) => {
    writes.set(userId, (writes.get(userId) ?? 0) + 1);
    versions.delete(userId);
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

    async rate(userId, rating) {
      try {
        return await store.rate(userId, rating);
      } finally {
        written(userId);
      }
    },
  };
}
