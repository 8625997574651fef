/**
 * The OpenAPI document without a server, database or model: the routes are declared when the apps
 * are built, and no handler runs, so the services behind them are never reached. The web app's
 * client is generated from this (web/scripts/generate-api.ts).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from '../core/logger.port.js';
import { createApi } from './api.js';
import type { AppServices } from './services.js';
import { OPENAPI_INFO } from './system.js';

export type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Services that fail loudly if anything calls them: building the document must not need them. */
export function unreachableServices(): AppServices {
  const unreachable = (name: string) =>
    new Proxy(
      {},
      {
        get(_, member) {
          throw new Error(`building the OpenAPI document reached services.${name}.${String(member)}`);
        },
      },
    );
  return new Proxy({ log: silent } as AppServices, {
    get: (target, name: string) => (name === 'log' ? target.log : unreachable(name)),
  });
}

export function openApiDocument(): OpenApiDocument {
  return createApi(unreachableServices()).getOpenAPI31Document(OPENAPI_INFO);
}
