/** Lambda: /api/recommendations/* */
import { createRecommendationsApp } from '../apps/recommendations.js';
import { httpHandler } from './http-handler.js';

export const handler = httpHandler(createRecommendationsApp);
