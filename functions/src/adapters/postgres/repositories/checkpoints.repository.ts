/** Progress of resumable jobs (ingestion_checkpoints), one row per job. */
import { sql } from 'kysely';
import type { CheckpointStore, IngestionCheckpoint } from '../../../core/ingestion/ingestion.port.js';
import type { Db } from '../database.js';

export async function readCheckpoint(db: Db, job: string): Promise<IngestionCheckpoint | null> {
  const row = await db.selectFrom('ingestion_checkpoints').selectAll().where('job', '=', job).executeTakeFirst();
  if (!row) return null;
  // bigint columns arrive as strings from node-postgres and Neon.
  return {
    job: row.job,
    sourceFingerprint: row.source_fingerprint,
    position: Number(row.position),
    total: row.total === null ? null : Number(row.total),
    completedAt: row.completed_at,
  };
}

export async function saveCheckpoint(db: Db, checkpoint: IngestionCheckpoint): Promise<void> {
  const values = {
    source_fingerprint: checkpoint.sourceFingerprint,
    position: checkpoint.position,
    total: checkpoint.total,
    completed_at: checkpoint.completedAt,
  };
  await db
    .insertInto('ingestion_checkpoints')
    .values({ job: checkpoint.job, ...values })
    .onConflict((oc) => oc.column('job').doUpdateSet(() => ({ ...values, updated_at: sql<Date>`now()` })))
    .execute();
}

export function checkpointStore(db: Db): CheckpointStore {
  return { read: (job) => readCheckpoint(db, job), save: (checkpoint) => saveCheckpoint(db, checkpoint) };
}
