/**
 * The ingest job: loads a model export's movie_embeddings.npy into the vector indexes (the same
 * wiring as `npm run cli -- load-embeddings`: composition/jobs.ts).
 *
 * Deployed, EMBEDDINGS_S3_URI names the file in S3: it is downloaded into MODEL_DIR first (once
 * per version), then loaded; the load itself is resumable (Qdrant checkpoints).
 *
 * The handler takes an EventBridge event: a scheduled one runs with the defaults, a custom one
 * (e.g. "Model Exported") may set `detail.force` and `detail.targets`.
 */
import type { EventBridgeEvent } from 'aws-lambda';
import { z } from 'zod';
import { join } from 'node:path';
import { openDatabase, type Db } from '../adapters/postgres/database.js';
import { downloadObject } from '../adapters/s3/index.js';
import {
  EMBEDDINGS_FILE,
  INGEST_TARGETS,
  ingestModelEmbeddings,
  type IngestTargetKind as IngestTarget,
} from '../composition/jobs.js';
import { lambdaConfig } from '../composition/lambda.js';
import { onceWithRetry } from '../composition/parts.js';
import { jobLog } from '../adapters/logging/logger.js';
import { loadConfig, type AppConfig } from '../config/env.js';
import { CodedError } from '../core/errors.js';
import type { LoadEmbeddingsReport } from '../core/ingestion/load-embeddings.js';

const detailSchema = z.object({
  force: z.boolean().optional(),
  targets: z.array(z.enum(INGEST_TARGETS)).min(1).optional(),
});

export type IngestEvent = EventBridgeEvent<string, unknown>;

export interface IngestHandlerDeps {
  openDb: () => Promise<Db>;
  config: Pick<AppConfig, 'modelDir' | 'vectorIndex' | 'recommendable'>;
  /** Puts the export's movie_embeddings.npy into config.modelDir before a run (deployed: from S3). */
  fetchEmbeddings?: () => Promise<unknown>;
  /** When the event names none (default: every configured one; deployed: Qdrant only, a function keeps no index). */
  defaultTargets?: IngestTarget[];
  log?: (entry: Record<string, unknown>) => void;
}

function ingestOptions(event: IngestEvent): z.infer<typeof detailSchema> {
  const parsed = detailSchema.safeParse(event.detail ?? {});
  if (!parsed.success)
    throw new CodedError(
      'invalid_input',
      `ingest event detail: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** The handler over injected dependencies (tests pass a test database and folders). */
export function createIngestHandler(deps: IngestHandlerDeps) {
  const log = deps.log ?? jobLog(loadConfig().logLevel);
  return async (event: IngestEvent): Promise<LoadEmbeddingsReport> => {
    const started = Date.now();
    const { force, targets = deps.defaultTargets } = ingestOptions(event);
    const fetched = await deps.fetchEmbeddings?.();
    const db = await deps.openDb();
    try {
      const report = await ingestModelEmbeddings({ db, ...deps.config, targets, force });
      log({ job: 'ingest', event: event.id, ...(fetched ? { fetched } : {}), ...report, ms: Date.now() - started });
      return report;
    } finally {
      await db.destroy();
    }
  };
}

/** The handler as deployed: config (with its secrets) read once, the embeddings fetched from S3 when named. */
export async function deployedIngestHandler(config: AppConfig) {
  const { embeddingsS3Uri } = config;
  return createIngestHandler({
    // Migrations run from the CLI before a deploy, never from a job (composition/lambda.ts).
    openDb: () => openDatabase(config.database, { migrate: false }),
    config,
    defaultTargets: ['qdrant'],
    fetchEmbeddings: embeddingsS3Uri
      ? () => downloadObject(embeddingsS3Uri, join(config.modelDir, EMBEDDINGS_FILE))
      : undefined,
    log: jobLog(config.logLevel),
  });
}

const configured = onceWithRetry(async () => deployedIngestHandler(await lambdaConfig(process.env)));

/** The Lambda entry; config is read on the first invocation, not on import. */
export const handler = async (event: IngestEvent): Promise<LoadEmbeddingsReport> => (await configured())(event);
