import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodedError } from '../../core/errors.js';
import { describeVectorIndexContract } from '../../core/recommendations/vector-index.contract.js';
import { type PythonServer, pythonPresent, SKIP_WITHOUT_PYTHON } from '../../testing/python.js';
import { createQdrantIndex, QDRANT_COLLECTION_SETTINGS } from './index.js';
import { startQdrantStandin } from './local-server.js';

const TIMEOUT_MS = 5_000;

/** A throwaway collection on the server at `url`, deleted on close. */
function openCollection(url: string, apiKey?: string, settings = QDRANT_COLLECTION_SETTINGS) {
  const collection = `contract-${randomUUID()}`;
  const qdrant = createQdrantIndex({ url, apiKey, collection, timeoutMs: TIMEOUT_MS, settings });
  const close = async () => {
    await fetch(`${url}/collections/${collection}`, {
      method: 'DELETE',
      headers: apiKey ? { 'api-key': apiKey } : {},
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  };
  return { index: qdrant, writer: qdrant, close, collection };
}

const withPython = pythonPresent();
describe.skipIf(!withPython)(`Qdrant adapter on the stand-in${withPython ? '' : SKIP_WITHOUT_PYTHON}`, () => {
  let standin: PythonServer | undefined;
  beforeAll(async () => {
    standin = await startQdrantStandin();
  });
  afterAll(async () => {
    await standin?.stop();
  });
  describeVectorIndexContract('qdrant stand-in', async () => openCollection(standin!.url));
  describeVectorIndexContract('qdrant stand-in, int8 quantized', async () =>
    openCollection(standin!.url, undefined, { ...QDRANT_COLLECTION_SETTINGS, quantization: 'int8' }),
  );

  it('creates the collection with its HNSW, quantization and storage settings, and reports its indexing', async () => {
    const settings = {
      ...QDRANT_COLLECTION_SETTINGS,
      m: 8,
      efConstruct: 40,
      quantization: 'int8' as const,
      onDisk: true,
    };
    const { index, close, collection } = openCollection(standin!.url, undefined, settings);
    try {
      await index.prepare(8);
      const answer = await fetch(`${standin!.url}/collections/${collection}`, {
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const { config } = ((await answer.json()) as { result: { config: Record<string, unknown> } }).result;
      expect(config.params).toMatchObject({ vectors: { size: 8, distance: 'Dot', on_disk: true } });
      expect(config.hnsw_config).toMatchObject({ m: 8, ef_construct: 40 });
      expect(config.quantization_config).toEqual({ scalar: { type: 'int8', quantile: 0.99, always_ram: true } });
      const point = {
        movieId: 5,
        tmdbId: null,
        genres: [],
        year: null,
        recommendable: true,
        source: 'two_tower' as const,
      };
      await index.upsert([{ ...point, vector: Float32Array.from({ length: 8 }, (_, d) => (d === 0 ? 1 : 0)) }]);
      await expect.poll(async () => (await index.status()).status, { timeout: TIMEOUT_MS }).toBe('green');
      expect(await index.status()).toMatchObject({ points: 1 });
    } finally {
      await close();
    }
  });
});

const realQdrant = process.env.QDRANT_URL?.trim();
describe.skipIf(!realQdrant)(`Qdrant adapter on QDRANT_URL${realQdrant ? '' : ' (skipped: QDRANT_URL unset)'}`, () => {
  describeVectorIndexContract('qdrant at QDRANT_URL', async () =>
    openCollection(realQdrant!, process.env.QDRANT_API_KEY?.trim() || undefined),
  );
});

async function failure(work: Promise<unknown>): Promise<{ error: CodedError; ms: number }> {
  const started = performance.now();
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CodedError);
  return { error: error as CodedError, ms: performance.now() - started };
}

describe('Qdrant adapter when Qdrant is down', () => {
  const vector = new Float32Array(8);

  it('answers unavailable at once when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    // A refused connection fails at once, far sooner than this timeout (the bound below is generous).
    const qdrant = createQdrantIndex({ url: `http://127.0.0.1:${port}`, collection: 'movies', timeoutMs: 30_000 });
    for (const work of [
      () => qdrant.search({ vector, limit: 5 }),
      () => qdrant.count(),
      () => qdrant.vectors([1]),
      () => qdrant.prepare(8),
    ]) {
      const { error, ms } = await failure(work());
      expect(error.code).toBe('unavailable');
      expect(error.message).toMatch(/^qdrant: \w+ failed: .*ECONNREFUSED/);
      expect(ms).toBeLessThan(10_000);
    }
  });

  describe('a server that accepts connections and never answers', () => {
    let hanging: Server;
    const sockets = new Set<Socket>();
    beforeAll(async () => {
      hanging = createServer((socket) => sockets.add(socket));
      await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => hanging.close(resolve));
    });

    it('answers unavailable within about the timeout', async () => {
      const { port } = hanging.address() as { port: number };
      const qdrant = createQdrantIndex({ url: `http://127.0.0.1:${port}`, collection: 'movies', timeoutMs: 300 });
      const point = {
        movieId: 1,
        tmdbId: null,
        genres: [],
        year: null,
        recommendable: true,
        source: 'two_tower' as const,
        vector,
      };
      for (const work of [() => qdrant.search({ vector, limit: 5 }), () => qdrant.upsert([point])]) {
        const { error, ms } = await failure(work());
        expect(error.code).toBe('unavailable');
        expect(error.message).toContain('timed out');
        expect(ms).toBeGreaterThanOrEqual(290);
        expect(ms).toBeLessThan(10_000); // generous: the hanging server would otherwise hold it for good
      }
    });
  });
});
