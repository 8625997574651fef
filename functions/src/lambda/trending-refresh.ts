/**
 * The scheduled Trending refresh (an EventBridge rule invokes it): computes a new snapshot from the
 * ratings, brings the per-movie rating figures (Top Rated) up to date, logs one JSON line and closes
 * the database. `npm run cli -- trending-refresh` runs the same job.
 */
import type { ScheduledEvent } from 'aws-lambda';
import { openDatabase, type Db } from '../adapters/postgres/database.js';
import { runTrendingJob } from '../composition/jobs.js';
import { lambdaConfig } from '../composition/lambda.js';
import { onceWithRetry } from '../composition/parts.js';
import { jobLog } from '../adapters/logging/logger.js';
import { loadConfig } from '../config/env.js';
import type { RecommendableRule } from '../core/catalog/recommendable.js';
import type { TrendingRefreshSummary } from '../core/trending/refresh-summary.js';
import type { TrendingOptions } from '../core/trending/trending-options.js';

export interface TrendingRefreshDeps {
  openDb: () => Promise<Db>;
  /** Default: the configured rule (RECOMMEND_MIN_*). */
  recommendable?: RecommendableRule;
  /** Default: DEFAULT_TRENDING_OPTIONS. */
  options?: Partial<TrendingOptions>;
  log?: (entry: Record<string, unknown>) => void;
}

/** The handler over injected dependencies (tests pass a test database). */
export function createTrendingRefreshHandler(deps: TrendingRefreshDeps) {
  const log = deps.log ?? jobLog(loadConfig().logLevel);
  return async (event: ScheduledEvent): Promise<TrendingRefreshSummary> => {
    const started = Date.now();
    const db = await deps.openDb();
    try {
      const summary = await runTrendingJob(db, deps.recommendable ?? loadConfig().recommendable, deps.options);
      log({ job: 'trending-refresh', event: event.id, scheduledAt: event.time, ...summary, ms: Date.now() - started });
      return summary;
    } finally {
      await db.destroy();
    }
  };
}

const configured = onceWithRetry(async () => {
  const config = await lambdaConfig(process.env);
  return createTrendingRefreshHandler({
    // Migrations run from the CLI before a deploy, never from a job (composition/lambda.ts).
    openDb: () => openDatabase(config.database, { migrate: false }),
    recommendable: config.recommendable,
    log: jobLog(config.logLevel),
  });
});

/** The Lambda entry; config (with the database secret) is read on the first invocation. */
export const handler = async (event: ScheduledEvent): Promise<TrendingRefreshSummary> => (await configured())(event);
