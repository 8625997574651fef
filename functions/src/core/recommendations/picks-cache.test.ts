import { describe, expect, it } from 'vitest';
import { createPicksCache } from './picks-cache.js';

const list = (name: string, degraded = false) => ({ name, source: { degraded } });

describe('createPicksCache', () => {
  it('computes a key once, serves it until it expires, then computes again', async () => {
    let clock = 1_000;
    const cache = createPicksCache({ ttlSeconds: 60, maxLists: 10, now: () => clock });
    let computed = 0;
    const compute = async () => list(`run ${++computed}`);
    expect(await cache.remember('u1:v1', compute, () => true)).toEqual(list('run 1'));
    clock = 60_000;
    expect(await cache.remember('u1:v1', compute, () => true)).toEqual(list('run 1'));
    expect(await cache.remember('u1:v2', compute, () => true)).toEqual(list('run 2')); // another version, another key
    clock = 62_000;
    expect(await cache.remember('u1:v1', compute, () => true)).toEqual(list('run 3'));
  });

  it('does not keep what keep rejects, so a fallback list is recomputed next time', async () => {
    const cache = createPicksCache({ ttlSeconds: 60, maxLists: 10 });
    let computed = 0;
    const compute = async () => list(`run ${++computed}`, computed === 1);
    const keep = (l: ReturnType<typeof list>) => !l.source.degraded;
    expect((await cache.remember('k', compute, keep)).source.degraded).toBe(true);
    expect(await cache.remember('k', compute, keep)).toEqual(list('run 2'));
    expect(await cache.remember('k', compute, keep)).toEqual(list('run 2'));
  });

  it('shares one computation between concurrent requests, and forgets failures', async () => {
    const cache = createPicksCache({ ttlSeconds: 60, maxLists: 10 });
    let computed = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = async () => {
      computed++;
      await gate;
      return list('shared');
    };
    const both = Promise.all([cache.remember('k', slow, () => true), cache.remember('k', slow, () => true)]);
    release();
    expect(await both).toEqual([list('shared'), list('shared')]);
    expect(computed).toBe(1);

    await expect(
      cache.remember(
        'bad',
        async () => Promise.reject(new Error('index down')),
        () => true,
      ),
    ).rejects.toThrow('index down');
    expect(
      await cache.remember(
        'bad',
        async () => list('recovered'),
        () => true,
      ),
    ).toEqual(list('recovered'));
  });

  it('keeps nothing when the time limit is 0', async () => {
    const cache = createPicksCache({ ttlSeconds: 0, maxLists: 10 });
    let computed = 0;
    const compute = async () => list(`run ${++computed}`);
    await cache.remember('k', compute, () => true);
    expect(await cache.remember('k', compute, () => true)).toEqual(list('run 2'));
  });
});
