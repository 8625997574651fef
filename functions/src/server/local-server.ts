/**
 * The local server: every endpoint group on one Node HTTP server, plus the built SPA when present
 * (static files, and index.html for client-side routes). Stops cleanly: in-flight requests finish,
 * then the database closes.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { createApi } from '../apps/api.js';
import { newApp } from '../apps/app.js';
import type { Runtime } from '../composition/runtime.js';

export interface LocalServerOptions {
  runtime: Runtime;
  port: number;
  host?: string;
  /** A built SPA (web/dist) to serve next to the API. */
  webDist?: string;
}

export interface LocalServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function mountSpa(app: OpenAPIHono, webDist: string): void {
  const staticFiles = serveStatic({ root: relative(process.cwd(), webDist) || '.' });
  app.use('*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : staticFiles(c, next)));
  const indexHtml = readFile(join(webDist, 'index.html'), 'utf-8');
  app.get('*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : c.html(await indexHtml)));
}

/** One JSON log line per request; registered before the routes, since Hono runs handlers in order. */
function requestLog(app: OpenAPIHono, runtime: Runtime): void {
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    runtime.log.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  });
}

function createLocalApp({ runtime, webDist }: Pick<LocalServerOptions, 'runtime' | 'webDist'>): OpenAPIHono {
  const app = newApp(runtime.log);
  requestLog(app, runtime);
  app.route('/', createApi(runtime.services));
  if (webDist && existsSync(join(webDist, 'index.html'))) mountSpa(app, webDist);
  return app;
}

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const app = createLocalApp(options);
  const host = options.host ?? '127.0.0.1';
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    port,
    async close() {
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await options.runtime.close();
    },
  };
}
