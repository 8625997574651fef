import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './http.js';
import { createRateLimiter } from './rate-limit.js';

describe('createRateLimiter', () => {
  it('hands out slots 1/rate apart to callers that arrive together', async () => {
    const sleeps: number[] = [];
    const limiter = createRateLimiter({
      requestsPerSecond: 4,
      now: () => 0,
      sleep: async (ms) => void sleeps.push(ms),
    });
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    expect(sleeps).toEqual([250, 500, 750]);
  });

  it('does not bank unused time: after an idle spell it spaces again from now', async () => {
    let clock = 0;
    const sleeps: number[] = [];
    const limiter = createRateLimiter({
      requestsPerSecond: 10,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });
    await limiter.acquire();
    clock = 10_000;
    await limiter.acquire();
    await limiter.acquire();
    expect(sleeps).toEqual([100]);
  });

  it('holds every caller back after pauseFor (a 429 Retry-After)', async () => {
    const sleeps: number[] = [];
    const limiter = createRateLimiter({
      requestsPerSecond: Infinity,
      now: () => 0,
      sleep: async (ms) => void sleeps.push(ms),
    });
    await limiter.acquire();
    limiter.pauseFor(3000);
    await Promise.all([limiter.acquire(), limiter.acquire()]);
    expect(sleeps).toEqual([3000, 3000]);
  });

  it('rejects a non-positive rate', () => {
    expect(() => createRateLimiter({ requestsPerSecond: 0, now: () => 0, sleep: async () => {} })).toThrow(RangeError);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Wed, 01 May 2024 12:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 01 May 2024 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
