/** Lambda: /api/recommendations/* (database, vector index chain, user tower chain) */
import { createRecommendationsApp } from '../apps/recommendations.js';
import type { RecommendationsServices } from '../apps/services.js';
import { openDeployedStores, servicesFromEnv } from '../composition/lambda.js';
import { recommendationBackendsOf, recommenderOf } from '../composition/recommendation-backends.js';
import { popularListsOf } from '../composition/parts.js';
import type { AppConfig } from '../config/env.js';
import type { Logger } from '../core/logger.port.js';
import { httpHandler } from './http-handler.js';

export async function buildRecommendationsServices(config: AppConfig, log: Logger): Promise<RecommendationsServices> {
  const [stores, backends] = await Promise.all([
    openDeployedStores(config, log),
    recommendationBackendsOf(config, log),
  ]);
  const popular = popularListsOf(config, stores);
  return { recommender: recommenderOf(config, stores, popular, backends, log), popular, log };
}

export const handler = httpHandler(createRecommendationsApp, servicesFromEnv(buildRecommendationsServices));
