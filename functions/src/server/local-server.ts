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
import { compress } from 'hono/compress';
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

/**
 * Vite names built assets by content hash, so they never change under one name: cached for a year.
 * index.html names the current ones, so it is revalidated every time; other public files for an hour.
 */
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_REVALIDATE = 'no-cache';
const CACHE_PUBLIC_FILE = 'public, max-age=3600';

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');
/**
 * A client-side route (/movie/603), as opposed to a missing file (/assets/gone.js), which stays a
 * 404. The API's trailing-slash redirect may have added a slash to a missing file's path.
 */
const isClientRoute = (path: string) => !/\.[a-z0-9]+\/?$/i.test(path);

function mountSpa(app: OpenAPIHono, webDist: string): void {
  const staticFiles = serveStatic({
    root: relative(process.cwd(), webDist) || '.',
    onFound: (path, c) => {
      const hashed = path.includes('/assets/');
      c.header(
        'cache-control',
        path.endsWith('.html') ? CACHE_REVALIDATE : hashed ? CACHE_IMMUTABLE : CACHE_PUBLIC_FILE,
      );
    },
  });
  const compression = compress();
  const indexHtml = readFile(join(webDist, 'index.html'), 'utf-8');
  app.use('*', async (c, next) => (isApi(c.req.path) ? next() : compression(c, next)));
  app.use('*', async (c, next) => (isApi(c.req.path) ? next() : staticFiles(c, next)));
  app.get('*', async (c, next) => {
    if (isApi(c.req.path) || !isClientRoute(c.req.path)) return next();
    c.header('cache-control', CACHE_REVALIDATE);
    return c.html(await indexHtml);
  });
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
