/**
 * The scheduled Trending refresh (an EventBridge rule invokes it): computes a new snapshot from the
 * ratings, brings the per-movie rating figures (Top Rated) up to date, logs one JSON line and closes
 * the database. `npm run cli -- trending-refresh` runs the same job.
 */
import type { ScheduledEvent } from 'aws-lambda';
import { openDatabase, type Db } from '../adapters/postgres/database.js';
import { refreshMovieRatingStats } from '../adapters/postgres/repositories/catalog.store.js';
import { refreshTrending } from '../adapters/postgres/repositories/trending.repository.js';
import { loadConfig } from '../config/env.js';
import { refreshSummary, type TrendingRefreshSummary } from '../core/trending/refresh-summary.js';
import type { TrendingOptions } from '../core/trending/trending-options.js';

/** The job itself: a new snapshot, then the rating figures the Top Rated lists read. */
export async function runTrendingJob(db: Db, options?: Partial<TrendingOptions>): Promise<TrendingRefreshSummary> {
  const summary = refreshSummary(await refreshTrending(db, options));
  await refreshMovieRatingStats(db);
  return summary;
}

export interface TrendingRefreshDeps {
  openDb: () => Promise<Db>;
  /** Default: DEFAULT_TRENDING_OPTIONS. */
  options?: Partial<TrendingOptions>;
  log?: (entry: Record<string, unknown>) => void;
}

/** The handler over injected dependencies (tests pass a test database). */
export function createTrendingRefreshHandler(deps: TrendingRefreshDeps) {
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  return async (event: ScheduledEvent): Promise<TrendingRefreshSummary> => {
    const started = Date.now();
    const db = await deps.openDb();
    try {
      const summary = await runTrendingJob(db, deps.options);
      log({ job: 'trending-refresh', event: event.id, scheduledAt: event.time, ...summary, ms: Date.now() - started });
      return summary;
    } finally {
      await db.destroy();
    }
  };
}

let configured: ReturnType<typeof createTrendingRefreshHandler> | undefined;

/** The Lambda entry; config is read on the first invocation. */
export const handler = (event: ScheduledEvent): Promise<TrendingRefreshSummary> => {
  configured ??= createTrendingRefreshHandler({ openDb: () => openDatabase(loadConfig().database) });
  return configured(event);
};
