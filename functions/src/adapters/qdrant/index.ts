/**
 * The vector index on Qdrant, through its REST client. One collection of unnamed Dot vectors, point
 * id = movie id, payload {movie_id, tmdb_id, genres, year, recommendable, source} with payload indexes on the
 * filtered fields. Search goes through the Universal Query API. Every request carries the timeout,
 * and every failure becomes a CodedError ('unavailable' unless Qdrant called the input malformed).
 *
 * @example
 *   const qdrant = createQdrantIndex({ url: 'http://127.0.0.1:6333', collection: 'movies', timeoutMs: 500 });
 *   await qdrant.prepare(128);
 *   await qdrant.upsert(points);
 *   const hits = await qdrant.search({ vector, limit: 20, genres: ['Comedy'] });
 */
import { QdrantClient } from '@qdrant/js-client-rest';
import { CodedError } from '../../core/errors.js';
import type {
  MoviePoint,
  VectorIndex,
  VectorIndexWriter,
  VectorQuery,
} from '../../core/recommendations/vector-index.port.js';
import { guarded } from './errors.js';

/** How the collection is built and searched (docs/performance.md, "Qdrant", has the measurements). */
export interface QdrantCollectionSettings {
  /** HNSW links per point and the construction search width. */
  m: number;
  efConstruct: number;
  /** int8 scalar quantization kept in RAM, its candidates re-scored with the float vectors. */
  quantization: 'int8' | 'none';
  /** Float vectors memory-mapped from disk instead of held in RAM. */
  onDisk: boolean;
  /** Search widths of a movie's neighbours and of a user's blended taste, which needs more. */
  movieEf: number;
  userEf: number;
}

export const QDRANT_COLLECTION_SETTINGS: QdrantCollectionSettings = {
  m: 16,
  efConstruct: 100,
  quantization: 'none',
  onDisk: false,
  movieEf: 128,
  userEf: 1024,
};

export interface QdrantIndexOptions {
  url: string;
  apiKey?: string;
  collection: string;
  /** Limit of each HTTP request, in milliseconds. */
  timeoutMs: number;
  /** Used when this index creates the collection (and for searching); an existing one keeps its own. */
  settings?: QdrantCollectionSettings;
}

/** Where a collection's indexing stands: "green" once Qdrant has indexed everything written. */
export interface QdrantIndexStatus {
  status: string;
  points: number;
  indexedPoints: number;
}

type Schemas = Parameters<QdrantClient['createPayloadIndex']>[1]['field_schema'];

/** The payload fields the filters use, and how Qdrant indexes them. */
const PAYLOAD_INDEXES: Record<string, Schemas> = {
  genres: 'keyword',
  recommendable: 'bool',
  source: 'keyword',
  year: 'integer',
  movie_id: 'integer',
};

function toQdrantPoint(point: MoviePoint) {
  return {
    id: point.movieId,
    vector: Array.from(point.vector),
    payload: {
      movie_id: point.movieId,
      tmdb_id: point.tmdbId,
      genres: point.genres,
      year: point.year,
      recommendable: point.recommendable,
      source: point.source,
    },
  };
}

function toFilter(query: VectorQuery) {
  const must = [
    ...(query.genres?.length ? [{ key: 'genres', match: { any: [...query.genres] } }] : []),
    ...(query.recommendableOnly ? [{ key: 'recommendable', match: { value: true } }] : []),
  ];
  const mustNot = query.excludeMovieIds?.length ? [{ has_id: [...query.excludeMovieIds] }] : [];
  if (!must.length && !mustNot.length) return undefined;
  return { must, must_not: mustNot };
}

/** The size of the collection's single unnamed vector, or a conflict when it holds something else. */
function vectorParams(collection: string, vectors: unknown): { size: number; distance: string } {
  const params = vectors as { size?: unknown; distance?: unknown } | undefined;
  if (typeof params?.size !== 'number' || typeof params.distance !== 'string') {
    throw new CodedError('conflict', `qdrant: collection "${collection}" does not hold one unnamed vector per point`);
  }
  return { size: params.size, distance: params.distance };
}

function collectionParams(dimension: number, settings: QdrantCollectionSettings) {
  return {
    vectors: { size: dimension, distance: 'Dot' as const, on_disk: settings.onDisk },
    hnsw_config: { m: settings.m, ef_construct: settings.efConstruct },
    ...(settings.quantization === 'int8' && {
      quantization_config: { scalar: { type: 'int8' as const, quantile: 0.99, always_ram: true } },
    }),
  };
}

function searchParams(query: VectorQuery, settings: QdrantCollectionSettings) {
  return {
    hnsw_ef: query.kind === 'user' ? settings.userEf : settings.movieEf,
    ...(settings.quantization === 'int8' && { quantization: { rescore: true } }),
  };
}

export function createQdrantIndex(
  options: QdrantIndexOptions,
): VectorIndex & VectorIndexWriter & { status(): Promise<QdrantIndexStatus> } {
  const { collection, settings = QDRANT_COLLECTION_SETTINGS } = options;
  // The version check would be one more request, outside the timeout, on every cold start.
  const client = new QdrantClient({
    url: options.url,
    apiKey: options.apiKey,
    timeout: options.timeoutMs,
    checkCompatibility: false,
  });

  async function createCollection(dimension: number): Promise<void> {
    try {
      await client.createCollection(collection, collectionParams(dimension, settings));
    } catch (error) {
      // Someone else created it meanwhile: prepare() goes on to check its dimension.
      if ((error as { status?: number }).status !== 409) throw error;
    }
  }

  return {
    name: 'qdrant',

    async prepare(dimension) {
      const info = await guarded('prepare', async () => {
        if (!(await client.collectionExists(collection)).exists) await createCollection(dimension);
        return client.getCollection(collection);
      });
      const { size, distance } = vectorParams(collection, info.config.params.vectors);
      if (size !== dimension || distance !== 'Dot') {
        throw new CodedError(
          'conflict',
          `qdrant: collection "${collection}" holds ${size}-d ${distance} vectors, not ${dimension}-d Dot: delete it or set QDRANT_COLLECTION`,
        );
      }
      const missing = Object.entries(PAYLOAD_INDEXES).filter(([field]) => !info.payload_schema[field]);
      for (const [field, schema] of missing) {
        await guarded(`index ${field}`, () =>
          client.createPayloadIndex(collection, { field_name: field, field_schema: schema, wait: true }),
        );
      }
    },

    async upsert(points) {
      if (!points.length) return;
      await guarded('upsert', () => client.upsert(collection, { wait: true, points: points.map(toQdrantPoint) }));
    },

    // Each upsert waited until Qdrant applied it: there is nothing left to publish.
    async finish() {},

    async search(query) {
      const { points } = await guarded('search', () =>
        client.query(collection, {
          query: Array.from(query.vector),
          filter: toFilter(query),
          limit: query.limit,
          offset: query.offset ?? 0,
          with_payload: false,
          params: searchParams(query, settings),
        }),
      );
      return points.map((point) => ({ movieId: Number(point.id), score: point.score }));
    },

    async vectors(movieIds) {
      if (!movieIds.length) return new Map();
      const records = await guarded('vectors', () =>
        client.retrieve(collection, { ids: [...movieIds], with_payload: false, with_vector: true }),
      );
      const found = new Map<number, Float32Array>();
      for (const record of records) {
        if (Array.isArray(record.vector) && record.vector.every((x) => typeof x === 'number'))
          found.set(Number(record.id), Float32Array.from(record.vector as number[]));
      }
      return found;
    },

    async status() {
      const info = await guarded('status', () => client.getCollection(collection));
      return { status: info.status, points: info.points_count ?? 0, indexedPoints: info.indexed_vectors_count ?? 0 };
    },

    async count() {
      return (await guarded('count', () => client.count(collection, { exact: true }))).count;
    },
  };
}
