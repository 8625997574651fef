/** Lambda: /api/health/, /api/status/, /api/openapi.json, /api/docs */
import { documentedApi } from '../apps/api.js';
import type { AppServices } from '../apps/services.js';
import { createSystemApp } from '../apps/system.js';
import { httpHandler } from './http-handler.js';

export const buildSystemApp = (services: AppServices) => {
  const documented = documentedApi(services);
  return createSystemApp(services, () => documented);
};

export const handler = httpHandler(buildSystemApp);
