/**
 * Nearest-neighbour search over the movie embeddings (dot product; the vectors are L2-normalized).
 * Adapters: Qdrant (`adapters/qdrant`) and the embedded in-process index (`adapters/embedded-index`).
 */

/** Which tower produced a movie's vector: the full two-tower movie tower or the content-only one. */
export type EmbeddingSource = 'two_tower' | 'content_only';

/** One movie in the index: its vector plus the payload the filters use. */
export interface MoviePoint {
  /** The project's movie id (movies.id); also the point id in Qdrant. */
  movieId: number;
  tmdbId: number | null;
  genres: string[];
  year: number | null;
  /** Whether the recommendation lists may show it (core/catalog/recommendable.ts). */
  recommendable: boolean;
  source: EmbeddingSource;
  vector: Float32Array;
}

export interface VectorQuery {
  vector: Float32Array;
  /** How many results, best first. */
  limit: number;
  /** Skip this many of the best results first (pagination). */
  offset?: number;
  /** Keep only movies having at least one of these genres. */
  genres?: readonly string[];
  /** Leave these movies out (the ones a user rated, the query movie itself). */
  excludeMovieIds?: readonly number[];
  /** Keep only points flagged recommendable (every recommendation list sets it). */
  recommendableOnly?: boolean;
  /**
   * What the vector is. 'movie' (the default): a catalog movie's own vector, with its neighbours
   * close around it. 'user': a user's taste, often a blend of several that lies between clusters of
   * movies, where a graph index must search much wider to find the best (the embedded graph and
   * Qdrant's `hnsw_ef` read it; an exact scan needs nothing).
   */
  kind?: 'movie' | 'user';
}

export interface ScoredMovieId {
  movieId: number;
  /** Dot product with the query vector. */
  score: number;
}

export interface VectorIndex {
  /** Identifies the backend in logs and /api/status ("qdrant", "embedded"). */
  readonly name: string;
  search(query: VectorQuery): Promise<ScoredMovieId[]>;
  /** The stored vectors of these movies; ids not in the index are absent from the map. */
  vectors(movieIds: readonly number[]): Promise<Map<number, Float32Array>>;
  /** Number of points in the index. */
  count(): Promise<number>;
}

/** Fills an index (load-embeddings and the ingest job). Upserts are idempotent by movieId. */
export interface VectorIndexWriter {
  readonly name: string;
  /** Creates the collection and payload indexes if missing; refuses a different dimension. */
  prepare(dimension: number): Promise<void>;
  upsert(points: readonly MoviePoint[]): Promise<void>;
  /** Called once every point has been upserted (the embedded writer publishes its file here). */
  finish(): Promise<void>;
}
