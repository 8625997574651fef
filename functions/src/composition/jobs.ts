/**
 * The jobs' wiring, shared by the Lambda handlers (lambda/ingest.ts, lambda/trending-refresh.ts)
 * and the CLI (load-embeddings, trending-refresh, start): which writers, stores and files each uses.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../adapters/postgres/database.js';
import { checkpointStore } from '../adapters/postgres/repositories/checkpoints.repository.js';
import { refreshMovieRatingStats } from '../adapters/postgres/repositories/catalog.store.js';
import { moviePayloads, moviePayloadsDigest } from '../adapters/postgres/repositories/movie-payloads.repository.js';
import { refreshTrending } from '../adapters/postgres/repositories/trending.repository.js';
import { createEmbeddedIndexWriter, embeddedIndexExists } from '../adapters/embedded-index/index.js';
import { readMovieEmbeddings, readMovieEmbeddingsHeader } from '../adapters/embeddings-file/movie-embeddings.js';
import { createQdrantIndex } from '../adapters/qdrant/index.js';
import type { AppConfig } from '../config/env.js';
import type { RecommendableRule } from '../core/catalog/recommendable.js';
import { CodedError } from '../core/errors.js';
import type { EmbeddingsFile, IngestionTarget } from '../core/ingestion/ingestion.port.js';
import { loadEmbeddings, loadEmbeddingsJob, type LoadEmbeddingsReport } from '../core/ingestion/load-embeddings.js';
import { refreshSummary, type TrendingRefreshSummary } from '../core/trending/refresh-summary.js';
import type { TrendingOptions } from '../core/trending/trending-options.js';

export const INGEST_TARGETS = ['embedded', 'qdrant'] as const;
export type IngestTargetKind = (typeof INGEST_TARGETS)[number];

export const EMBEDDINGS_FILE = 'movie_embeddings.npy';
/** Bulk upserts of 512 × 128-d points take longer than a search, which QDRANT_TIMEOUT_MS is sized for. */
const QDRANT_INGEST_TIMEOUT_MS = 30_000;

/** The export's movie_embeddings.npy as the ingestion core reads it. */
export async function openEmbeddingsFile(modelDir: string): Promise<EmbeddingsFile> {
  const path = join(modelDir, EMBEDDINGS_FILE);
  if (!existsSync(path))
    throw new CodedError(
      'not_found',
      `${path} does not exist: train a model first (npm run cli -- train) or point MODEL_DIR at an export`,
    );
  const { count, dimension } = await readMovieEmbeddingsHeader(path);
  return { name: path, count, dimension, read: (start, batchSize) => readMovieEmbeddings(path, { start, batchSize }) };
}

/** Embedded always, plus Qdrant when QDRANT_URL is set. */
export function defaultTargets(vectorIndex: AppConfig['vectorIndex']): IngestTargetKind[] {
  return vectorIndex.qdrantUrl ? ['embedded', 'qdrant'] : ['embedded'];
}

function target(
  kind: IngestTargetKind,
  vectorIndex: AppConfig['vectorIndex'],
  onGraphProgress?: IngestOptions['onGraphProgress'],
): IngestionTarget {
  if (kind === 'embedded') {
    const dir = vectorIndex.embeddedDir;
    // The embedded writer stages every point and publishes on finish(): nothing partial survives.
    return {
      job: loadEmbeddingsJob('embedded'),
      writer: createEmbeddedIndexWriter(dir, { onGraphProgress }),
      resumable: false,
      exists: async () => embeddedIndexExists(dir),
    };
  }
  const { qdrantUrl: url, qdrantApiKey: apiKey, collection, timeoutMs } = vectorIndex;
  if (!url) throw new CodedError('invalid_input', 'the qdrant target needs QDRANT_URL');
  const index = createQdrantIndex({
    url,
    apiKey,
    collection,
    timeoutMs: Math.max(timeoutMs, QDRANT_INGEST_TIMEOUT_MS),
  });
  // An empty or missing collection (dropped, or Qdrant restarted without storage) is loaded from the
  // start. A failing count reads as missing too: if Qdrant is really down, prepare() says so next.
  const exists = () =>
    index.count().then(
      (points) => points > 0,
      () => false,
    );
  return { job: loadEmbeddingsJob(`qdrant:${collection}`), writer: index, resumable: true, exists };
}

export interface IngestOptions {
  db: Db;
  modelDir: string;
  vectorIndex: AppConfig['vectorIndex'];
  /** Decides each point's recommendable flag. */
  recommendable: RecommendableRule;
  /** Default: `defaultTargets`. */
  targets?: readonly IngestTargetKind[];
  batchSize?: number;
  force?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** The embedded index's graph build (catalogs of 50K movies and more), in points added. */
  onGraphProgress?: (done: number, total: number) => void;
}

/** Loads `modelDir`'s embeddings into the chosen indexes, resuming or skipping per checkpoint. */
export async function ingestModelEmbeddings(options: IngestOptions): Promise<LoadEmbeddingsReport> {
  const kinds = [...new Set(options.targets ?? defaultTargets(options.vectorIndex))];
  const { db, recommendable } = options;
  return loadEmbeddings({
    file: await openEmbeddingsFile(options.modelDir),
    payloads: (ids) => moviePayloads(db, ids, recommendable),
    payloadsDigest: await moviePayloadsDigest(db, recommendable),
    targets: kinds.map((kind) => target(kind, options.vectorIndex, options.onGraphProgress)),
    checkpoints: checkpointStore(options.db),
    batchSize: options.batchSize,
    force: options.force,
    onProgress: options.onProgress,
  });
}

/** The job itself: the rating figures Top Rated and the recommendable rule read, then a new snapshot. */
export async function runTrendingJob(
  db: Db,
  recommendable: RecommendableRule,
  options?: Partial<TrendingOptions>,
): Promise<TrendingRefreshSummary> {
  await refreshMovieRatingStats(db);
  return refreshSummary(await refreshTrending(db, options, recommendable));
}
