/** /api/status: probes every backend in use, each under a timeout, in parallel. */
import type { BackendStatus, StatusReport } from '../apps/services.js';
import { describeDatabase, type Db } from '../adapters/postgres/database.js';
import { tableCounts } from '../adapters/postgres/repositories/stats.repository.js';
import type { AppConfig } from '../config/env.js';
import type { MetadataFetcher } from '../core/catalog/catalog.port.js';
import { CodedError } from '../core/errors.js';
import { withTimeout } from '../core/resilience/failover.js';
import type { UserEncoder } from '../core/recommendations/user-encoder.port.js';
import type { VectorIndex } from '../core/recommendations/vector-index.port.js';

const PROBE_TIMEOUT_MS = 2000;

export interface StatusSources {
  config: AppConfig;
  db: Db;
  indexes: readonly VectorIndex[];
  encoders: readonly UserEncoder[];
  fetcher: MetadataFetcher | null;
}

async function probe<T>(work: () => Promise<T>, what: string): Promise<{ value: T | null; error: string | null }> {
  try {
    return { value: await withTimeout(work(), PROBE_TIMEOUT_MS, what), error: null };
  } catch (error) {
    return { value: null, error: error instanceof Error ? error.message : String(error) };
  }
}

const roleOf = (position: number, count: number) =>
  position === 0 ? 'primary' : position === count - 1 && count > 1 ? 'last resort' : 'fallback';

async function encoderStatus(encoder: UserEncoder, role: string): Promise<BackendStatus> {
  // Any answer proves the encoder works; the weighted average answers an empty history with 'unprocessable'.
  const result = await probe(async () => {
    try {
      await encoder.encode([[]]);
    } catch (error) {
      if (!(error instanceof CodedError && error.code === 'unprocessable')) throw error;
    }
  }, encoder.name);
  return { name: encoder.name, role, reachable: result.error === null, detail: result.error };
}

export async function statusReport({ config, db, indexes, encoders, fetcher }: StatusSources): Promise<StatusReport> {
  const database = describeDatabase(config.database);
  const [counts, indexStatus, encoderStatuses, metadata] = await Promise.all([
    probe(() => tableCounts(db), 'database'),
    Promise.all(
      indexes.map(async (index, i) => {
        const points = await probe(() => index.count(), index.name);
        return {
          name: index.name,
          role: roleOf(i, indexes.length),
          reachable: points.error === null,
          detail: points.error,
          points: points.value,
        };
      }),
    ),
    Promise.all(encoders.map((e, i) => encoderStatus(e, roleOf(i, encoders.length)))),
    metadataStatus(config, fetcher),
  ]);
  return {
    database: {
      name: database.driver,
      role: 'primary',
      reachable: counts.error === null,
      detail: counts.error ?? (database.driver === 'pglite' ? `embedded at ${database.location}` : null),
      counts: counts.value && { movies: counts.value.movies, users: counts.value.users, ratings: counts.value.ratings },
    },
    vectorIndex: indexStatus,
    encoder: encoderStatuses,
    metadata,
  };
}

async function metadataStatus(config: AppConfig, fetcher: MetadataFetcher | null): Promise<BackendStatus[]> {
  const cache: BackendStatus = {
    name: 'database cache',
    role: fetcher ? 'fallback' : 'primary',
    reachable: true,
    detail: 'snapshot and previously fetched metadata',
  };
  if (!fetcher) return [cache];
  // The Matrix (603) as a canary: TMDB answers it whenever the API and the key work.
  const result = await probe(() => fetcher.fetchMovie(603), fetcher.name);
  return [{ name: fetcher.name, role: 'primary', reachable: result.error === null, detail: result.error }, cache];
}
