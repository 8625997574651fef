/**
 * The recommendation backends (vector index chain, user encoder chain) and the recommender over
 * them: the part only the recommendations group and /api/status need, in its own module so the
 * users and movies functions do not bundle it.
 */
import type { AppConfig } from '../config/env.js';
import type { Logger } from '../core/logger.port.js';
import type { PopularLists } from '../core/recommendations/popular.js';
import { createRecommender, type Recommender } from '../core/recommendations/recommender.js';
import type { UserEncoder } from '../core/recommendations/user-encoder.port.js';
import { encoderFromConfig } from './encoder.js';
import type { Stores } from './stores.js';
import { vectorIndexFromConfig } from './vector-index.js';

/** The backends the recommendations rows and /api/status use: index chain and encoder chain. */
export interface RecommendationBackends {
  index: Awaited<ReturnType<typeof vectorIndexFromConfig>>;
  encoder: Awaited<ReturnType<typeof encoderFromConfig>>['encoder'];
  encoders: readonly UserEncoder[];
  historyLength: number;
}

export async function recommendationBackendsOf(config: AppConfig, log: Logger): Promise<RecommendationBackends> {
  const index = await vectorIndexFromConfig(config, log);
  const { encoder, chain, historyLength } = await encoderFromConfig(config, index, log);
  return { index, encoder, encoders: chain, historyLength };
}

export function recommenderOf(
  config: AppConfig,
  { userStore, catalog }: Stores,
  popular: PopularLists,
  backends: RecommendationBackends,
  log: Logger,
): Recommender {
  return createRecommender({
    users: userStore,
    catalog,
    index: backends.index,
    encoder: backends.encoder,
    popular,
    historyLength: backends.historyLength,
    cacheSeconds: config.recommendationCacheSeconds,
    log,
  });
}
