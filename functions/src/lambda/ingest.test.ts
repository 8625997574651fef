import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventBridgeEvent, ScheduledEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbeddedIndex } from '../adapters/embedded-index/index.js';
import { createQdrantIndex } from '../adapters/qdrant/index.js';
import { startQdrantStandin } from '../adapters/qdrant/local-server.js';
import { openDatabase, type Db } from '../adapters/postgres/database.js';
import { movieIdsByMovieLensId, upsertMovieLensMovies } from '../adapters/postgres/repositories/movies.repository.js';
import { catalogMovie } from '../adapters/postgres/repositories/trending-fixture.test-helper.js';
import type { AppConfig, DatabaseConfig } from '../config/env.js';
import { type PythonServer, pythonPresent, SKIP_WITHOUT_PYTHON } from '../testing/python.js';
import { EMBEDDINGS_FILE } from '../composition/jobs.js';
import { DEFAULT_RECOMMENDABLE_RULE } from '../core/catalog/recommendable.js';
import { createIngestHandler, type IngestHandlerDeps } from './ingest.js';

const DIM = 8;

/** Writes a movie_embeddings.npy (docs/model.md's layout) where movie i's vector is the unit vector e_i. */
async function writeEmbeddings(path: string, movieIds: number[]): Promise<void> {
  const descr = `[('movie_id', '<i4'), ('tmdb_id', '<i4'), ('source', '|u1'), ('embedding', '<f4', (${DIM},))]`;
  const dict = `{'descr': ${descr}, 'fortran_order': False, 'shape': (${movieIds.length},), }`;
  const dataOffset = Math.ceil((10 + dict.length + 1) / 64) * 64;
  const recordSize = 9 + 4 * DIM;
  const file = Buffer.alloc(dataOffset + movieIds.length * recordSize);
  file.fill(0x20, 0, dataOffset);
  file.write('\x93NUMPY\x01\x00', 0, 'latin1');
  file.writeUInt16LE(dataOffset - 10, 8);
  file.write(`${dict}`, 10, 'latin1');
  file.write('\n', dataOffset - 1, 'latin1');
  movieIds.forEach((movieId, i) => {
    const at = dataOffset + i * recordSize;
    file.writeInt32LE(movieId, at);
    file.writeInt32LE(-1, at + 4);
    file.writeUInt8(0, at + 8);
    file.writeFloatLE(1, at + 9 + 4 * (i % DIM));
  });
  await writeFile(path, file);
}

function eventBridgeEvent<K extends string, T>(detailType: K, detail: T): EventBridgeEvent<K, T> {
  return {
    version: '0',
    id: '7bf73129-1428-4cd3-a780-95db273d1602',
    'detail-type': detailType,
    source: 'movierec.training',
    account: '123456789012',
    time: '2026-01-02T03:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail,
  };
}

const scheduled: ScheduledEvent = {
  ...eventBridgeEvent('Scheduled Event' as const, {}),
  source: 'aws.events',
  resources: ['arn:aws:events:eu-west-1:123456789012:rule/movierec-ingest'],
};

/** A PGlite database in a folder with five movies, and an export of them plus one unknown movie. */
async function setUp(
  root: string,
  log: IngestHandlerDeps['log'],
): Promise<{ deps: IngestHandlerDeps; movieIds: number[] }> {
  // The handler closes the database after each run, so it lives in a folder and is reopened.
  const database: DatabaseConfig = {
    driver: 'pglite',
    url: undefined,
    pgliteDir: join(root, 'pglite'),
    neonWsProxy: undefined,
  };
  const db: Db = await openDatabase(database);
  await upsertMovieLensMovies(
    db,
    [1, 2, 3, 4, 5].map((id) =>
      catalogMovie({
        movielensId: id,
        tmdbId: 100 + id,
        title: `Movie ${id}`,
        year: 1990 + id,
        genres: id % 2 ? ['Comedy'] : ['Drama'],
      }),
    ),
  );
  const movieIds = [...(await movieIdsByMovieLensId(db)).values()].sort((a, b) => a - b);
  await db.destroy();
  const modelDir = join(root, 'model');
  await mkdir(modelDir);
  await writeEmbeddings(join(modelDir, EMBEDDINGS_FILE), [...movieIds, 9999]);
  const vectorIndex: AppConfig['vectorIndex'] = {
    qdrantUrl: undefined,
    qdrantApiKey: undefined,
    collection: 'movies',
    timeoutMs: 500,
    embeddedDir: join(root, 'index'),
  };
  return {
    deps: {
      openDb: () => openDatabase(database),
      config: { modelDir, vectorIndex, recommendable: DEFAULT_RECOMMENDABLE_RULE },
      log,
    },
    movieIds,
  };
}

describe('ingest handler', () => {
  let root: string;
  let deps: IngestHandlerDeps;
  let movieIds: number[];
  const logged: Record<string, unknown>[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ingest-lambda-'));
    ({ deps, movieIds } = await setUp(root, (entry) => logged.push(entry)));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('loads the export into the embedded index, reporting movies the database lacks', async () => {
    const report = await createIngestHandler(deps)(eventBridgeEvent('Model Exported', {}));
    expect(report).toMatchObject({ records: 6, dimension: DIM, read: 6, unknownMovies: { count: 1, sample: [9999] } });
    expect(report.targets).toEqual([
      { name: 'embedded', job: 'load-embeddings:embedded', status: 'started', from: 0, points: 5 },
    ]);
    expect(logged.at(-1)).toMatchObject({ job: 'ingest', records: 6, ms: expect.any(Number) });
    const index = await loadEmbeddedIndex(deps.config.vectorIndex.embeddedDir);
    expect(await index.count()).toBe(5);
    const third = Float32Array.from({ length: DIM }, (_, d) => (d === 2 ? 1 : 0));
    expect((await index.search({ vector: third, limit: 1 }))[0]).toEqual({ movieId: movieIds[2], score: 1 });
    expect(await index.search({ vector: third, limit: 5, genres: ['Drama'] })).toHaveLength(2);
  });

  it('skips the file on a scheduled run once loaded, and loads it again when forced', async () => {
    const handler = createIngestHandler(deps);
    expect((await handler(scheduled)).targets.map((t) => [t.status, t.points])).toEqual([['skipped', 0]]);
    expect(
      (await handler(eventBridgeEvent('Model Exported', { force: true }))).targets.map((t) => [t.status, t.points]),
    ).toEqual([['restarted', 5]]);
  });

  it('as deployed: fetches the file first (once per run), and loads the default targets', async () => {
    const fetchedDir = join(root, 'fetched-model');
    const fetches: string[] = [];
    const handler = createIngestHandler({
      ...deps,
      config: {
        ...deps.config,
        modelDir: fetchedDir,
        vectorIndex: { ...deps.config.vectorIndex, embeddedDir: join(root, 'index-2') },
      },
      defaultTargets: ['embedded'],
      fetchEmbeddings: async () => {
        await mkdir(fetchedDir, { recursive: true });
        await copyFile(join(deps.config.modelDir, EMBEDDINGS_FILE), join(fetchedDir, EMBEDDINGS_FILE));
        fetches.push(fetchedDir);
        return { downloaded: true };
      },
    });
    const report = await handler(eventBridgeEvent('Model Exported', {}));
    expect(fetches).toEqual([fetchedDir]);
    expect(report.targets.map((t) => [t.name, t.points])).toEqual([['embedded', 5]]);
    expect(logged.at(-1)).toMatchObject({ job: 'ingest', fetched: { downloaded: true } });
  });

  it('refuses a bad event detail and a missing export', async () => {
    await expect(
      createIngestHandler(deps)(eventBridgeEvent('Model Exported', { targets: ['pinecone'] })),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      createIngestHandler(deps)(eventBridgeEvent('Model Exported', { targets: ['qdrant'] })),
    ).rejects.toThrow(/QDRANT_URL/);
    const missing = { ...deps, config: { ...deps.config, modelDir: join(root, 'nowhere') } };
    await expect(createIngestHandler(missing)(scheduled)).rejects.toMatchObject({ code: 'not_found' });
  });
});

/** The Qdrant target against the stand-in, and against the real server when QDRANT_URL is set. */
function describeQdrantTarget(
  label: string,
  skip: string | null,
  server: () => Promise<{ url: string; apiKey?: string; stop?: () => Promise<void> }>,
) {
  describe.skipIf(skip !== null)(`ingest handler into ${label}${skip ?? ''}`, () => {
    let root: string;
    let deps: IngestHandlerDeps;
    let stop: (() => Promise<void>) | undefined;
    const collection = `ingest-${randomUUID()}`;

    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'ingest-qdrant-'));
      const { url, apiKey, stop: stopServer } = await server();
      stop = stopServer;
      const base = (await setUp(root, () => undefined)).deps;
      deps = {
        ...base,
        config: {
          ...base.config,
          vectorIndex: { ...base.config.vectorIndex, qdrantUrl: url, qdrantApiKey: apiKey, collection },
        },
      };
    });
    afterAll(async () => {
      const { qdrantUrl, qdrantApiKey } = deps.config.vectorIndex;
      await fetch(`${qdrantUrl}/collections/${collection}`, {
        method: 'DELETE',
        headers: qdrantApiKey ? { 'api-key': qdrantApiKey } : {},
        signal: AbortSignal.timeout(5_000),
      });
      await stop?.();
      await rm(root, { recursive: true, force: true });
    });

    it('fills the collection, skips it once loaded, and loads it again after it was dropped', async () => {
      const handler = createIngestHandler(deps);
      const { qdrantUrl, qdrantApiKey } = deps.config.vectorIndex;
      const qdrant = createQdrantIndex({ url: qdrantUrl!, apiKey: qdrantApiKey, collection, timeoutMs: 5_000 });
      const onlyQdrant = eventBridgeEvent('Model Exported', { targets: ['qdrant'] });
      expect((await handler(onlyQdrant)).targets).toEqual([
        { name: 'qdrant', job: `load-embeddings:qdrant:${collection}`, status: 'started', from: 0, points: 5 },
      ]);
      expect(await qdrant.count()).toBe(5);
      expect((await handler(onlyQdrant)).targets.map((t) => t.status)).toEqual(['skipped']);
      await fetch(`${qdrantUrl}/collections/${collection}`, {
        method: 'DELETE',
        headers: qdrantApiKey ? { 'api-key': qdrantApiKey } : {},
        signal: AbortSignal.timeout(5_000),
      });
      expect((await handler(onlyQdrant)).targets.map((t) => [t.status, t.points])).toEqual([['restarted', 5]]);
      expect(await qdrant.count()).toBe(5);
    });
  });
}

describeQdrantTarget('the Qdrant stand-in', pythonPresent() ? null : SKIP_WITHOUT_PYTHON, async () => {
  const standin: PythonServer = await startQdrantStandin();
  return { url: standin.url, stop: () => standin.stop() };
});
const realQdrant = process.env.QDRANT_URL?.trim();
describeQdrantTarget('Qdrant at QDRANT_URL', realQdrant ? null : ' (skipped: QDRANT_URL unset)', async () => ({
  url: realQdrant!,
  apiKey: process.env.QDRANT_API_KEY?.trim() || undefined,
}));
