/**
 * Users' histories kept in memory, keyed by their version: a request asks the store for the
 * version only (one primary-key lookup, or none, see sole-writer-versions.ts) and re-reads the
 * history just when the version moved. Bounded by the total number of ratings held.
 */
import { LRUCache } from 'lru-cache';
import { CodedError } from '../errors.js';
import type { History, UserStore } from './users.port.js';

export interface HistoryCacheOptions {
  /** At most this many ratings are held across all cached histories. */
  maxRatings: number;
}

export function createHistoryCache(
  users: Pick<UserStore, 'history' | 'historyVersion'>,
  { maxRatings }: HistoryCacheOptions,
) {
  const histories = new LRUCache<number, History>({
    maxSize: maxRatings,
    sizeCalculation: (h) => h.entries.length + 1,
  });

  const missing = (userId: number) => new CodedError('not_found', `no user with id ${userId}`);

  return {
    /** The user's current history version; not_found when there is no such user. */
    async version(userId: number): Promise<string> {
      const version = await users.historyVersion(userId);
      if (version === null) throw missing(userId);
      return version;
    },

    /** The history at `version` or newer (a newer one is read when a write raced the caller). */
    async at(userId: number, version: string): Promise<History> {
      const cached = histories.get(userId);
      if (cached && cached.version === version) return cached;
      const history = await users.history(userId);
      if (!history) throw missing(userId);
      histories.set(userId, history);
      return history;
    },
  };
}

export type HistoryCache = ReturnType<typeof createHistoryCache>;
