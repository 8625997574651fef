/** What the embeddings ingestion (load-embeddings, the ingest job) reads from and writes to. */
import type { EmbeddingSource, VectorIndexWriter } from '../recommendations/vector-index.port.js';

/** One movie's vector as the model exported it. */
export interface EmbeddingRecord {
  movieId: number;
  tmdbId: number | null;
  source: EmbeddingSource;
  vector: Float32Array;
}

/** An exported embeddings file (movie_embeddings.npy), readable from any record on. */
export interface EmbeddingsFile {
  /** Where it is, for reports. */
  readonly name: string;
  readonly count: number;
  readonly dimension: number;
  /** The records from `start` on, in file order, `batchSize` at a time. */
  read(start: number, batchSize: number): AsyncIterable<EmbeddingRecord[]>;
}

/** The filterable fields of a movie's index point, from the database. */
export interface MoviePayload {
  tmdbId: number | null;
  genres: string[];
  year: number | null;
  /** Whether the recommendation lists may show it (core/catalog/recommendable.ts). */
  recommendable: boolean;
}

/** The payloads of those movies that exist; ids without a movie are absent from the map. */
export type MoviePayloadLookup = (movieIds: readonly number[]) => Promise<Map<number, MoviePayload>>;

/** How far a job got through which source file. */
export interface IngestionCheckpoint {
  job: string;
  sourceFingerprint: string;
  /** Records done (the next run resumes here). */
  position: number;
  total: number | null;
  /** Set once every record was written and the target finished. */
  completedAt: Date | null;
}

export interface CheckpointStore {
  read(job: string): Promise<IngestionCheckpoint | null>;
  save(checkpoint: IngestionCheckpoint): Promise<void>;
}

/** An index to fill, with the checkpoint job that tracks it. */
export interface IngestionTarget {
  /** Unique per index, e.g. `load-embeddings:qdrant:movies`. */
  job: string;
  writer: VectorIndexWriter;
  /**
   * False for a writer that keeps what it is given until finish() (the embedded index): what an
   * interrupted run upserted is lost, so the next run replays the file for it from the start.
   */
  resumable: boolean;
  /**
   * Whether the index is still there; when it is not (folder deleted, collection dropped), its
   * checkpoint is ignored and the target loaded from the start. Without it, the checkpoint is trusted.
   */
  exists?: () => Promise<boolean>;
}
