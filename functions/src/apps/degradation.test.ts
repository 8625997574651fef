/**
 * Graceful degradation through the whole API: Qdrant down → the embedded index; TF Serving down →
 * the next encoder; no index at all → Trending with a notice. Real adapters pointed at a closed
 * port (nothing listens on port 1), as when a service is down, or at a server that answers every
 * request 503 and counts them, to see which requests still reach a failed backend.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../composition/runtime.js';
import { createApi } from './api.js';
import { writeApiFixture } from './testing/api-fixture.js';
import { fixtureRuntime, type Json } from './testing/api-runtime.js';

const DOWN = 'http://127.0.0.1:1';
let dir: string;
const runtimes: Runtime[] = [];
const servers: Server[] = [];

/** A service that is up but failing: every request is answered 503 and counted. */
async function failingService(): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests += 1;
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"overloaded"}');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

async function apiWith(env: Record<string, string>) {
  const runtime = await fixtureRuntime(dir, env);
  runtimes.push(runtime);
  const api = createApi(runtime.services);
  return async (path: string) => {
    const res = await api.request(path);
    return { status: res.status, body: (await res.json()) as Json };
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'degrade-'));
  await writeApiFixture(dir);
}, 60_000);

afterAll(async () => {
  for (const runtime of runtimes) await runtime.close();
  for (const server of servers) server.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('degradation', () => {
  it('Qdrant and TF Serving down: the embedded index and the next encoder answer, marked degraded', async () => {
    const get = await apiWith({ QDRANT_URL: DOWN, TF_SERVING_URL: DOWN });
    const first = await get('/api/recommendations/for-you/?user_id=1&limit=5');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(5);
    expect(first.body.source).toMatchObject({ encoder: 'weighted-average', index: 'embedded', degraded: true });
    const status = await get('/api/status/');
    expect(status.body.status).toBe('degraded');
    expect(status.body.vector_index.map((b: Json) => [b.name, b.reachable])).toEqual([
      ['qdrant', false],
      ['embedded', true],
    ]);
    expect(status.body.encoder[0]).toMatchObject({ name: 'tf-serving:user_tower', reachable: false });
    const similar = await get('/api/recommendations/similar/?tmdb_id=1001&limit=3');
    expect(similar.body.source).toMatchObject({ index: 'embedded', degraded: true });
  });

  it('a backend that failed cools down: the next requests do not try it again', async () => {
    const [qdrant, tfServing] = [await failingService(), await failingService()];
    const get = await apiWith({ QDRANT_URL: qdrant.url, TF_SERVING_URL: tfServing.url });
    expect((await get('/api/recommendations/for-you/?user_id=1&limit=5')).body.source).toMatchObject({
      index: 'embedded',
      degraded: true,
    });
    const tried = [qdrant.requests(), tfServing.requests()];
    expect(tried.every((n) => n > 0)).toBe(true);
    for (const user of [2, 3, 4]) {
      const { body } = await get(`/api/recommendations/for-you/?user_id=${user}&limit=5`);
      expect(body.source).toMatchObject({ index: 'embedded', degraded: true });
    }
    // The cooldown (10 s) outlasts these requests by far on any machine.
    expect([qdrant.requests(), tfServing.requests()]).toEqual(tried);
  });

  it('no vector index at all: the personal rows fall back to Trending and say why', async () => {
    const get = await apiWith({ INDEX_DIR: join(dir, 'no-index') });
    const { status, body } = await get('/api/recommendations/for-you/?user_id=1&limit=5');
    expect(status).toBe(200);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items[0].reason).toMatch(/^Trending/);
    expect(body.source).toMatchObject({ degraded: true, notice: expect.stringMatching(/unavailable/) });
    const because = await get('/api/recommendations/because-you-watched/?user_id=1');
    expect(because.body).toMatchObject({ rows: [], source: { degraded: true } });
    const similar = await get('/api/recommendations/similar/?tmdb_id=1001');
    expect(similar.body.source.notice).toMatch(/Similar movies are unavailable/);
  });
});
