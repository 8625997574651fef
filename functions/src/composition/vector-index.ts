/** Picks the vector index chain from config: Qdrant when QDRANT_URL is set, then the embedded index when loaded. */
import { embeddedIndexExists, loadEmbeddedIndex } from '../adapters/embedded-index/index.js';
import { createQdrantIndex } from '../adapters/qdrant/index.js';
import type { AppConfig } from '../config/env.js';
import { CodedError } from '../core/errors.js';
import type { Logger } from '../core/logger.port.js';
import { createResilientIndex, type ResilientIndex } from '../core/recommendations/fallback-index.js';
import type { VectorIndex } from '../core/recommendations/vector-index.port.js';

/** Stands in when no index is configured or loaded yet, so the personal rows fall back to Trending. */
const NO_INDEX: VectorIndex = {
  name: 'none',
  search: () => Promise.reject(new CodedError('unavailable', 'no vector index: run `npm run cli -- load-embeddings`')),
  vectors: () => Promise.reject(new CodedError('unavailable', 'no vector index: run `npm run cli -- load-embeddings`')),
  count: () => Promise.resolve(0),
};

export async function vectorIndexFromConfig({ vectorIndex }: AppConfig, log: Logger): Promise<ResilientIndex> {
  const chain: VectorIndex[] = [];
  if (vectorIndex.qdrantUrl) {
    chain.push(
      createQdrantIndex({
        url: vectorIndex.qdrantUrl,
        apiKey: vectorIndex.qdrantApiKey,
        collection: vectorIndex.collection,
        timeoutMs: vectorIndex.timeoutMs,
      }),
    );
  }
  if (embeddedIndexExists(vectorIndex.embeddedDir)) {
    const started = performance.now();
    const embedded = await loadEmbeddedIndex(vectorIndex.embeddedDir);
    log.info({ points: embedded.points, ms: Math.round(performance.now() - started) }, 'embedded index loaded');
    chain.push(embedded);
  } else {
    log.warn({ dir: vectorIndex.embeddedDir }, 'no embedded index (run load-embeddings)');
  }
  if (chain.length === 0) chain.push(NO_INDEX);
  return createResilientIndex(chain, {
    timeoutMs: vectorIndex.timeoutMs,
    onFailure: ({ backend, error }) => log.warn({ backend, error: String(error) }, 'vector index failed; falling back'),
  });
}
