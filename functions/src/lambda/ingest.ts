/**
 * The ingest job: loads a model export's movie_embeddings.npy into the vector indexes (the same
 * wiring as `npm run cli -- load-embeddings`: composition/jobs.ts).
 *
 * MODEL_DIR is a local folder. In AWS, getting the exported artifact there (from S3, before this
 * runs) is the deployment's job; this handler only reads the file.
 *
 * The handler takes an EventBridge event: a scheduled one runs with the defaults, a custom one
 * (e.g. "Model Exported") may set `detail.force` and `detail.targets`.
 */
import type { EventBridgeEvent } from 'aws-lambda';
import { z } from 'zod';
import { openDatabase, type Db } from '../adapters/postgres/database.js';
import { INGEST_TARGETS, ingestModelEmbeddings } from '../composition/jobs.js';
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
    const { force, targets } = ingestOptions(event);
    const db = await deps.openDb();
    try {
      const report = await ingestModelEmbeddings({ db, ...deps.config, targets, force });
      log({ job: 'ingest', event: event.id, ...report, ms: Date.now() - started });
      return report;
    } finally {
      await db.destroy();
    }
  };
}

let configured: ReturnType<typeof createIngestHandler> | undefined;

/** The Lambda entry; config is read on the first invocation, not on import. */
export const handler = (event: IngestEvent): Promise<LoadEmbeddingsReport> => {
  configured ??= createIngestHandler({ openDb: () => openDatabase(loadConfig().database), config: loadConfig() });
  return configured(event);
};
