/**
 * The vector index the recommender uses: Qdrant when configured, the embedded index when loaded,
 * in that order, through one failover (Qdrant down → embedded; both down → the caller's fallback).
 */
import { createFailover, type FailoverOptions } from '../resilience/failover.js';
import type { ScoredMovieId, VectorIndex, VectorQuery } from './vector-index.port.js';

export type ResilientIndex = VectorIndex & {
  /** Like search, and says which backend answered. */
  searchDetailed(query: VectorQuery): Promise<{ hits: ScoredMovieId[]; index: string; degraded: boolean }>;
  backends: readonly VectorIndex[];
};

export function createResilientIndex(chain: readonly VectorIndex[], options: FailoverOptions): ResilientIndex {
  const failover = createFailover(chain, { failure: 'no vector index could answer', ...options });
  const searchDetailed = async (query: VectorQuery) => {
    const { result, backend, degraded } = await failover.run((index) => index.search(query));
    return { hits: result, index: backend, degraded };
  };
  return {
    name: chain.map((i) => i.name).join('→'),
    backends: chain,
    searchDetailed,
    search: async (query) => (await searchDetailed(query)).hits,
    async vectors(movieIds) {
      return (await failover.run((index) => index.vectors(movieIds))).result;
    },
    async count() {
      return (await failover.run((index) => index.count())).result;
    },
  };
}
