/**
 * A spacing rate limiter: request n may start no earlier than 1/rate seconds after request n-1.
 * Unlike a token bucket it never bursts, which keeps bulk fetching safely under TMDB's limit
 * (about 40-50 requests per second per IP) at the cost of a little latency when idle.
 */
export type Sleep = (ms: number) => Promise<void>;
export type Clock = () => number;

export interface RateLimiter {
  /** Resolves when the caller may send its request. */
  acquire(): Promise<void>;
  /** Holds every later request back for `ms` from now (a server's Retry-After applies to all of them). */
  pauseFor(ms: number): void;
}

export interface RateLimiterOptions {
  requestsPerSecond: number;
  now: Clock;
  sleep: Sleep;
}

export function createRateLimiter({ requestsPerSecond, now, sleep }: RateLimiterOptions): RateLimiter {
  if (!(requestsPerSecond > 0)) throw new RangeError(`requestsPerSecond must be > 0, got ${requestsPerSecond}`);
  const intervalMs = 1000 / requestsPerSecond; // 0 for Infinity: no limit
  let nextSlot = -Infinity;
  return {
    async acquire() {
      // The slot is reserved synchronously, so concurrent callers queue up instead of racing.
      const current = now();
      const slot = Math.max(current, nextSlot);
      nextSlot = slot + intervalMs;
      if (slot > current) await sleep(slot - current);
    },
    pauseFor(ms) {
      nextSlot = Math.max(nextSlot, now() + ms);
    },
  };
}
