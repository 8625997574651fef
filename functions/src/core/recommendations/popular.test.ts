import { describe, expect, it } from 'vitest';
import type { CatalogStore, RatedMovieRecord } from '../catalog/catalog.port.js';
import type { TrendingPage } from '../trending/trending.port.js';
import { createPopularLists } from './popular.js';

const movie = (id: number) =>
  ({ id, title: `Movie ${id}`, genres: ['Drama'], ratingCount: 10, averageRating: 4 }) as unknown as RatedMovieRecord;

/** A catalog and a Trending store that count their reads; Trending has no snapshot until `snapshot` is set. */
function fakes() {
  const reads = { topRated: 0, trending: 0 };
  const state: { snapshot: TrendingPage['snapshot'] } = { snapshot: null };
  const catalog = {
    async topRated() {
      reads.topRated++;
      return { items: [movie(1), movie(2)], limit: 2, offset: 0, total: 2, hasMore: false };
    },
    async moviesByIds(ids: readonly number[]) {
      return new Map(ids.map((id) => [id, movie(id)]));
    },
  } as unknown as CatalogStore;
  const trending = {
    async latest(): Promise<TrendingPage> {
      reads.trending++;
      const items = state.snapshot ? [{ movieId: 2, rank: 1, score: 3, ratingCount: 7 }] : [];
      return { snapshot: state.snapshot, items, total: items.length };
    },
  };
  return { reads, state, catalog, trending };
}

describe('createPopularLists', () => {
  it('reuses finished lists, but not the Top Rated stand-in for a missing Trending list', async () => {
    const { reads, state, catalog, trending } = fakes();
    const popular = createPopularLists({ catalog, trending, cacheSeconds: 60 });
    const page = { limit: 2, offset: 0 };
    expect((await popular.trending(page)).source.degraded).toBe(true);
    state.snapshot = {
      id: 1,
      windowStart: new Date('2018-06-01'),
      windowEnd: new Date('2018-09-01'),
      halfLifeDays: 14,
      computedAt: new Date(),
    };
    const first = await popular.trending(page);
    expect(first.items.map((r) => r.movie.id)).toEqual([2]);
    expect(await popular.trending(page)).toBe(first);
    expect(reads.trending).toBe(2);

    await popular.topRated(page);
    await popular.topRated(page);
    await popular.seedMovies(['Drama'], 2);
    await popular.seedMovies(['Drama'], 2);
    expect(reads.topRated).toBe(3); // the stand-in above, then one each for Top Rated and the seed
  });

  it('computes every time when the time limit is 0', async () => {
    const { reads, catalog, trending } = fakes();
    const popular = createPopularLists({ catalog, trending, cacheSeconds: 0 });
    await popular.topRated({ limit: 2, offset: 0 });
    await popular.topRated({ limit: 2, offset: 0 });
    expect(reads.topRated).toBe(2);
  });
});
