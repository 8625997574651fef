/** Lambda: /api/health/, /api/status/, /api/openapi.json, /api/docs */
import { documentedApi } from '../apps/api.js';
import { unreachableServices } from '../apps/openapi-document.js';
import type { SystemServices } from '../apps/services.js';
import { createSystemApp } from '../apps/system.js';
import { openDeployedStores, servicesFromEnv } from '../composition/lambda.js';
import { onceWithRetry, statusOf } from '../composition/parts.js';
import type { AppConfig } from '../config/env.js';
import type { Logger } from '../core/logger.port.js';
import { httpHandler } from './http-handler.js';

/** Status probes the backends the recommendations function uses: built (as clients) when first asked. */
export async function buildSystemServices(config: AppConfig, log: Logger): Promise<SystemServices> {
  const backends = onceWithRetry(async () => {
    // Evaluated when status is first asked, not at a cold start (the SageMaker SDK it imports still loads then).
    const { recommendationBackendsOf } = await import('../composition/recommendation-backends.js');
    const { index, encoders } = await recommendationBackendsOf(config, log);
    return { indexes: index.backends, encoders };
  });
  return { status: statusOf(config, await openDeployedStores(config, log), backends), log };
}

/** The document describes every group's routes; declaring them reaches none of their services. */
export const buildSystemApp = (services: SystemServices) => {
  const documented = documentedApi(unreachableServices());
  return createSystemApp(services, () => documented);
};

export const handler = httpHandler(buildSystemApp, servicesFromEnv(buildSystemServices));
