/** Trending snapshots as the core reads and writes them; the Postgres adapter implements the store. */
import type { TrendingOptions } from './trending-options.js';

export interface TrendingSnapshot {
  id: number;
  windowStart: Date;
  windowEnd: Date;
  halfLifeDays: number;
  computedAt: Date;
}

export interface TrendingItem {
  movieId: number;
  /** Decayed, weighted rating activity (see trending-options.ts). */
  score: number;
  /** Ratings of the movie inside the window. */
  ratingCount: number;
  /** 1-based rank in the whole snapshot (a genre filter keeps the global ranks). */
  rank: number;
}

export interface TrendingQuery {
  limit: number;
  offset: number;
  /** Only movies of this genre (a MovieLens genre name, as stored on movies). */
  genre?: string;
}

export interface TrendingPage {
  /** The newest snapshot, or null before the first refresh. */
  snapshot: TrendingSnapshot | null;
  items: TrendingItem[];
  /** Items of the snapshot matching the query, over all pages. */
  total: number;
}

export interface TrendingRefresh {
  snapshotId: number;
  windowStart: Date;
  windowEnd: Date;
  /** The window length used (`windowDays`, or wider when too few movies qualified). */
  windowDays: number;
  items: (TrendingItem & { title: string })[];
}

export interface TrendingStore {
  latest(query: TrendingQuery): Promise<TrendingPage>;
  /** Computes and stores a new snapshot, pruning old ones. */
  refresh(options?: Partial<TrendingOptions>): Promise<TrendingRefresh>;
}
