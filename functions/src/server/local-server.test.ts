/** The local server's SPA hosting: files, client routes, cache headers, and the API left alone. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeApiFixture } from '../apps/testing/api-fixture.js';
import { fixtureRuntime } from '../apps/testing/api-runtime.js';
import { CACHE_IMMUTABLE, CACHE_REVALIDATE, startLocalServer, type LocalServer } from './local-server.js';

let dir: string;
let server: LocalServer;
const INDEX = '<!doctype html><title>app</title><div id="root"></div>';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-server-'));
  await writeApiFixture(join(dir, 'world'));
  const dist = join(dir, 'dist');
  await mkdir(join(dist, 'assets'), { recursive: true });
  await writeFile(join(dist, 'index.html'), INDEX);
  await writeFile(join(dist, 'assets', 'index-3f2a1b.js'), `console.log(${JSON.stringify('x'.repeat(4000))});`);
  await writeFile(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  server = await startLocalServer({ runtime: await fixtureRuntime(join(dir, 'world')), port: 0, webDist: dist });
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

describe('the built SPA', () => {
  it('serves index.html at / and for client routes, revalidated on every visit', async () => {
    for (const path of ['/', '/movie/603', '/search?q=toy', '/users']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toBe(INDEX);
      expect(response.headers.get('cache-control'), path).toBe(CACHE_REVALIDATE);
    }
  });

  it('caches hashed assets for a year and compresses them', async () => {
    const response = await get('/assets/index-3f2a1b.js', { 'accept-encoding': 'gzip' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe(CACHE_IMMUTABLE);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('content-type')).toMatch(/javascript/);
  });

  it('answers 404 for a missing file instead of index.html', async () => {
    expect((await get('/assets/gone-123.js')).status).toBe(404);
    expect((await get('/nothing.png')).status).toBe(404);
  });

  it('leaves the API to the API: JSON answers and JSON 404s', async () => {
    const health = await get('/api/health/');
    expect(await health.json()).toEqual({ status: 'ok' });
    const missing = await get('/api/nothing/');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
