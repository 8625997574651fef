/**
 * Writes the embedded index folder. prepare() opens a session staged beside the published index
 * (or refuses another dimension), upsert() adds or replaces points by movie id, finish() publishes
 * atomically (with the search graph once the catalog is big enough); the writer can then be prepared
 * again for another run.
 */
import { CodedError } from '../../core/errors.js';
import type { MoviePoint, VectorIndexWriter } from '../../core/recommendations/vector-index.port.js';
import { embeddedIndexExists, type Manifest, OutdatedIndexError, readManifest } from './format.js';
import { GRAPH_MIN_POINTS } from './graph.js';
import { openStagingSession, type StagingOptions, type StagingSession } from './staging.js';

const invalid = (detail: string): never => {
  throw new CodedError('invalid_input', `embedded index writer: ${detail}`);
};

/** The published index to start from; one of an older format is replaced whole, not read. */
async function publishedManifest(dir: string): Promise<Manifest | null> {
  if (!embeddedIndexExists(dir)) return null;
  return readManifest(dir).catch((error: unknown) => {
    if (error instanceof OutdatedIndexError) return null;
    throw error;
  });
}

function checkPoint(point: MoviePoint, dimension: number): void {
  const { movieId, tmdbId, year, genres, recommendable, source, vector } = point;
  if (!Number.isInteger(movieId) || movieId < 1 || movieId > 2 ** 31 - 1)
    invalid(`movieId must be a whole number from 1 to 2^31 - 1, got ${movieId}`);
  const label = `movie ${movieId}`;
  if (tmdbId !== null && !Number.isInteger(tmdbId)) invalid(`${label}: tmdbId must be a whole number or null`);
  if (year !== null && !Number.isInteger(year)) invalid(`${label}: year must be a whole number or null`);
  if (!genres.every((genre) => typeof genre === 'string')) invalid(`${label}: genres must be strings`);
  if (typeof recommendable !== 'boolean') invalid(`${label}: recommendable must be true or false`);
  if (source !== 'two_tower' && source !== 'content_only') invalid(`${label}: unknown source ${String(source)}`);
  if (vector.length !== dimension) invalid(`${label}: vector has ${vector.length} dimensions, the index ${dimension}`);
  if (!vector.every(Number.isFinite)) invalid(`${label}: vector has a non-finite value`);
}

/** `graphMinPoints` defaults to GRAPH_MIN_POINTS; `onGraphProgress` hears the graph build's rows. */
export function createEmbeddedIndexWriter(dir: string, options: Partial<StagingOptions> = {}): VectorIndexWriter {
  const staging: StagingOptions = { graphMinPoints: GRAPH_MIN_POINTS, ...options };
  let session: StagingSession | null = null;
  const current = (): StagingSession => session ?? invalid('call prepare(dimension) first');

  return {
    name: 'embedded',
    async prepare(dimension) {
      if (!Number.isInteger(dimension) || dimension < 1)
        invalid(`dimension must be a whole number ≥ 1, got ${dimension}`);
      const staged = session?.dimension;
      const published = await publishedManifest(dir);
      const existing = staged ?? published?.dimension;
      if (existing !== undefined && existing !== dimension) {
        throw new CodedError(
          'conflict',
          `embedded index at ${dir} holds ${existing}-d vectors, not ${dimension}-d: delete the folder to rebuild it`,
        );
      }
      session ??= await openStagingSession(dir, dimension, published, staging);
    },
    async upsert(points) {
      const staging = current();
      for (const point of points) checkPoint(point, staging.dimension);
      await staging.upsert(points);
    },
    async finish() {
      const staging = current();
      session = null;
      await staging.publish();
    },
  };
}
