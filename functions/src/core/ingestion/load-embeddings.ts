/**
 * Fills vector indexes from an exported embeddings file (the seed's `load_embeddings`), resumably:
 * each target has a checkpoint (job, file fingerprint, position) saved after every batch, so
 *  - an interrupted run resumes where it stopped (resumable targets; the others replay the file),
 *  - a run over a file already loaded completely does nothing (unless forced),
 *  - a different file starts over.
 * Upserts are idempotent by movie id, so a batch replayed after a crash does no harm.
 */
import { CodedError } from '../errors.js';
import type { MoviePoint } from '../recommendations/vector-index.port.js';
import { fingerprintOf } from './fingerprint.js';
import type {
  CheckpointStore,
  EmbeddingRecord,
  EmbeddingsFile,
  IngestionTarget,
  MoviePayloadLookup,
} from './ingestion.port.js';

export const DEFAULT_BATCH_SIZE = 512;
/** How many unknown movie ids a report lists (the count is always complete). */
const UNKNOWN_SAMPLE = 20;

/** The checkpoint job of a target, e.g. `load-embeddings:embedded`, `load-embeddings:qdrant:movies`. */
export function loadEmbeddingsJob(target: string): string {
  return `load-embeddings:${target}`;
}

export interface LoadEmbeddingsInput {
  file: EmbeddingsFile;
  payloads: MoviePayloadLookup;
  /**
   * Identifies the payloads `payloads` gives (a hash over every movie's): when it changes (new
   * metadata, a movie crossing the recommendable rule), a loaded index is loaded again.
   */
  payloadsDigest?: string;
  targets: readonly IngestionTarget[];
  checkpoints: CheckpointStore;
  batchSize?: number;
  /** Load every target from the start, even one that already holds this file. */
  force?: boolean;
  /** Records read so far (this run's start included) out of the file's count. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * skipped: already loaded from this file; resumed: continued from a checkpoint; started: no
 * checkpoint; restarted: from the start despite one (another file, --force, index gone, or not
 * resumable).
 */
export type TargetStatus = 'skipped' | 'resumed' | 'started' | 'restarted';

export interface TargetReport {
  name: string;
  job: string;
  status: TargetStatus;
  /** The record this run began at. */
  from: number;
  /** Points upserted this run. */
  points: number;
}

export interface LoadEmbeddingsReport {
  file: string;
  fingerprint: string;
  records: number;
  dimension: number;
  /** Records read this run. */
  read: number;
  /** Records read this run whose movie is not in the database (not indexed). */
  unknownMovies: { count: number; sample: number[] };
  targets: TargetReport[];
}

interface Plan {
  target: IngestionTarget;
  report: TargetReport;
  position: number;
}

async function planTarget(target: IngestionTarget, fingerprint: string, input: LoadEmbeddingsInput): Promise<Plan> {
  const checkpoint = await input.checkpoints.read(target.job);
  const indexExists = (await target.exists?.()) ?? true;
  const sameFile = checkpoint?.sourceFingerprint === fingerprint && !input.force && indexExists;
  let status: TargetStatus = checkpoint ? 'restarted' : 'started';
  let position = 0;
  if (sameFile && checkpoint.completedAt) {
    status = 'skipped';
    position = input.file.count;
  } else if (sameFile && target.resumable && checkpoint.position > 0) {
    status = 'resumed';
    position = Math.min(checkpoint.position, input.file.count);
  }
  return { target, position, report: { name: target.writer.name, job: target.job, status, from: position, points: 0 } };
}

function checkInput(input: LoadEmbeddingsInput, batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new CodedError('invalid_input', `batch size must be a whole number ≥ 1, got ${batchSize}`);
  if (input.targets.length === 0)
    throw new CodedError('invalid_input', 'load-embeddings needs at least one target index');
  const jobs = input.targets.map((t) => t.job);
  const repeated = jobs.find((job, i) => jobs.indexOf(job) !== i);
  if (repeated) throw new CodedError('invalid_input', `target ${repeated} is listed twice`);
}

/** The batch's records as index points, with their payloads; records of unknown movies are left out. */
async function toPoints(
  batch: EmbeddingRecord[],
  payloads: MoviePayloadLookup,
  unknown: LoadEmbeddingsReport['unknownMovies'],
): Promise<MoviePoint[]> {
  const found = await payloads(batch.map((r) => r.movieId));
  const points: MoviePoint[] = [];
  for (const record of batch) {
    const payload = found.get(record.movieId);
    if (!payload) {
      unknown.count += 1;
      if (unknown.sample.length < UNKNOWN_SAMPLE) unknown.sample.push(record.movieId);
      continue;
    }
    points.push({ movieId: record.movieId, source: record.source, vector: record.vector, ...payload });
  }
  return points;
}

async function saveProgress(
  input: LoadEmbeddingsInput,
  plan: Plan,
  fingerprint: string,
  completedAt: Date | null,
): Promise<void> {
  await input.checkpoints.save({
    job: plan.target.job,
    sourceFingerprint: fingerprint,
    position: plan.position,
    total: input.file.count,
    completedAt,
  });
}

/** Streams the file into every target that does not already hold it; see the module comment. */
export async function loadEmbeddings(input: LoadEmbeddingsInput): Promise<LoadEmbeddingsReport> {
  const { file, batchSize = DEFAULT_BATCH_SIZE } = input;
  checkInput(input, batchSize);
  const fileFingerprint = await fingerprintOf(file);
  const fingerprint =
    input.payloadsDigest === undefined ? fileFingerprint : `${fileFingerprint}+payloads:${input.payloadsDigest}`;
  const plans: Plan[] = [];
  for (const target of input.targets) plans.push(await planTarget(target, fingerprint, input));
  const active = plans.filter((p) => p.report.status !== 'skipped');
  const unknownMovies = { count: 0, sample: [] as number[] };
  const start = Math.min(file.count, ...active.map((p) => p.position));
  let position = start;
  for (const plan of active) await plan.target.writer.prepare(file.dimension);
  input.onProgress?.(position, file.count);
  if (active.length > 0 && start < file.count) {
    for await (const batch of file.read(start, batchSize)) {
      const end = position + batch.length;
      const points = await toPoints(batch, input.payloads, unknownMovies);
      // A target that is past part of this batch gets all of it again: upserts are idempotent.
      for (const plan of active.filter((p) => p.position < end)) {
        if (points.length > 0) await plan.target.writer.upsert(points);
        plan.report.points += points.length;
        plan.position = end;
        await saveProgress(input, plan, fingerprint, null);
      }
      position = end;
      input.onProgress?.(position, file.count);
    }
  }
  for (const plan of active) {
    await plan.target.writer.finish();
    await saveProgress(input, plan, fingerprint, new Date());
  }
  return {
    file: file.name,
    fingerprint,
    records: file.count,
    dimension: file.dimension,
    read: position - start,
    unknownMovies,
    targets: plans.map((p) => p.report),
  };
}
