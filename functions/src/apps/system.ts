/**
 * /api/health (liveness), /api/status (which backends are in use and reachable), the OpenAPI
 * document built from every group's zod schemas, and a docs page.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { newApp } from './app.js';
import { docsPage, swaggerAsset } from './docs-page.js';
import { json } from './schemas/common.js';
import type { SystemServices } from './services.js';

const tags = ['system'];

const Backend = z.object({ name: z.string(), role: z.string(), reachable: z.boolean(), detail: z.string().nullable() });
const StatusSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: Backend.extend({
      counts: z.object({ movies: z.number().int(), users: z.number().int(), ratings: z.number().int() }).nullable(),
    }),
    vector_index: z.array(Backend.extend({ points: z.number().int().nullable() })),
    encoder: z.array(Backend),
    metadata: z.array(Backend),
  })
  .openapi('Status');

const healthRoute = createRoute({
  method: 'get',
  path: '/api/health/',
  tags,
  summary: 'Liveness',
  responses: { 200: json(z.object({ status: z.literal('ok') }), 'Alive') },
});

const statusRoute = createRoute({
  method: 'get',
  path: '/api/status/',
  tags,
  summary: 'Backends in use and whether they answer',
  responses: { 200: json(StatusSchema, 'Every backend') },
});

export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Movie recommendations API',
    version: '1.0.0',
    description:
      'Two-tower recommendations with a reason on every movie. Errors are JSON: {"error": {"code", "message", "issues"?}}.',
  },
};

/** The system routes; `documented` is the app whose routes the OpenAPI document describes. */
export function createSystemApp(services: SystemServices, documented: () => OpenAPIHono) {
  const app = newApp(services.log)
    .openapi(healthRoute, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(statusRoute, async (c) => {
      const report = await services.status();
      const all = [report.database, ...report.vectorIndex, ...report.encoder, ...report.metadata];
      // Degraded: something configured does not answer (the app still serves, through fallbacks).
      return c.json(
        {
          status: all.every((b) => b.reachable) ? ('ok' as const) : ('degraded' as const),
          database: report.database,
          vector_index: report.vectorIndex,
          encoder: report.encoder,
          metadata: report.metadata,
        },
        200,
      );
    });
  let document: ReturnType<OpenAPIHono['getOpenAPI31Document']> | null = null;
  app.get('/api/openapi.json', (c) => {
    document ??= documented().getOpenAPI31Document(OPENAPI_INFO);
    return c.json(document);
  });
  app.get('/api/docs', (c) => c.html(docsPage('/api/openapi.json', '/api/docs/assets')));
  app.get('/api/docs/assets/:file', async (c) => {
    const asset = await swaggerAsset(c.req.param('file'));
    return asset
      ? c.body(asset.body, 200, { 'content-type': asset.type, 'cache-control': 'public, max-age=86400' })
      : c.notFound();
  });
  return app;
}
