/**
 * Identifies an embeddings file by its content, not its path or modification time (a copy, e.g. a
 * Lambda's download of the same artifact, is the same file): a hash of its shape and of its first
 * and last records. A re-export retrains every vector, so these change whenever the file does.
 */
import { createHash, type Hash } from 'node:crypto';
import type { EmbeddingRecord, EmbeddingsFile } from './ingestion.port.js';

async function recordAt(file: EmbeddingsFile, index: number): Promise<EmbeddingRecord> {
  for await (const batch of file.read(index, 1)) {
    const record = batch[0];
    if (record) return record;
  }
  throw new Error(`${file.name}: record ${index} of ${file.count} could not be read`);
}

function addRecord(hash: Hash, record: EmbeddingRecord): void {
  hash.update(`${record.movieId}:${record.tmdbId}:${record.source}:`);
  hash.update(new Uint8Array(record.vector.buffer, record.vector.byteOffset, record.vector.byteLength));
}

export async function fingerprintOf(file: EmbeddingsFile): Promise<string> {
  const hash = createHash('sha256').update(`${file.count}x${file.dimension}:`);
  if (file.count > 0) {
    addRecord(hash, await recordAt(file, 0));
    addRecord(hash, await recordAt(file, file.count - 1));
  }
  return `sha256:${hash.digest('hex')}`;
}
