import type { TrendingRefresh } from './trending.port.js';

export interface TrendingRefreshSummary {
  snapshotId: number;
  windowStart: string;
  windowEnd: string;
  windowDays: number;
  movies: number;
  /** The best few, for logs and the CLI. */
  top: { rank: number; movieId: number; title: string; score: number; ratingCount: number }[];
}

/** What the refresh job reports (the CLI's result, the Lambda's log line). */
export function refreshSummary(refresh: TrendingRefresh, topN = 10): TrendingRefreshSummary {
  return {
    snapshotId: refresh.snapshotId,
    windowStart: refresh.windowStart.toISOString(),
    windowEnd: refresh.windowEnd.toISOString(),
    windowDays: refresh.windowDays,
    movies: refresh.items.length,
    top: refresh.items
      .slice(0, topN)
      .map(({ rank, movieId, title, score, ratingCount }) => ({ rank, movieId, title, score, ratingCount })),
  };
}
