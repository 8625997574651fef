/**
 * Finished recommendation lists kept for a while. Keys carry the user's history version, so a new
 * rating changes the key and the next request computes afresh; the time limit bounds how long a
 * list can lag changes that carry no version (a newly loaded model or index, refreshed metadata).
 * Concurrent requests for the same key share one computation.
 */
import { LRUCache } from 'lru-cache';

export interface PicksCacheOptions {
  /** How long a list is kept; 0 keeps nothing. */
  ttlSeconds: number;
  maxLists: number;
  /** Milliseconds on a monotonic clock (tests pass their own). */
  now?: () => number;
}

export function createPicksCache({ ttlSeconds, maxLists, now = () => performance.now() }: PicksCacheOptions) {
  const lists =
    ttlSeconds > 0
      ? new LRUCache<string, object>({ max: maxLists, ttl: ttlSeconds * 1000, ttlResolution: 0, perf: { now } })
      : null;
  const pending = new Map<string, Promise<object>>();

  return {
    /**
     * The list under `key`, computing it when absent; kept only when `keep` says so (fallback
     * lists are not kept, so recovery shows at once). Each key must always hold one type.
     */
    remember<T extends object>(key: string, compute: () => Promise<T>, keep: (list: T) => boolean): Promise<T> {
      if (!lists) return compute();
      const hit = (lists.get(key) ?? pending.get(key)) as T | Promise<T> | undefined;
      if (hit) return Promise.resolve(hit);
      const computing = compute()
        .then((list) => {
          if (keep(list)) lists.set(key, list);
          return list;
        })
        .finally(() => pending.delete(key));
      pending.set(key, computing);
      return computing;
    },
  };
}

export type PicksCache = ReturnType<typeof createPicksCache>;
