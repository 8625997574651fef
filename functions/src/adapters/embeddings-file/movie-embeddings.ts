/**
 * Reads `movie_embeddings.npy` (docs/model.md): a packed NumPy structured array with one record per
 * catalog movie, `movie_id <i4, tmdb_id <i4, source u1, embedding <f4 × D`. Streamed in batches, so
 * a 700K-movie file never has to sit in memory at once.
 */
import { open } from 'node:fs/promises';
import { DataFileError } from '../../core/errors.js';
import type { EmbeddingSource } from '../../core/recommendations/vector-index.port.js';

export interface MovieEmbeddingRecord {
  movieId: number;
  tmdbId: number | null;
  source: EmbeddingSource;
  vector: Float32Array;
}

export interface MovieEmbeddingsHeader {
  count: number;
  dimension: number;
  /** Byte offset of the first record. */
  dataOffset: number;
  recordSize: number;
}

const MAGIC = '\x93NUMPY';
const PREFIX = 9; // movie_id + tmdb_id + source
const DESCR =
  /^\[\('movie_id', '<i4'\), \('tmdb_id', '<i4'\), \('source', '\|u1'\), \('embedding', '<f4', \((\d+),\)\)\]$/;

/** Parses the header: the dtype must be exactly the export's, the shape one-dimensional. */
export function parseMovieEmbeddingsHeader(head: Buffer, file: string): MovieEmbeddingsHeader {
  const fail = (detail: string): never => {
    throw new DataFileError(file, null, `not a movie_embeddings file: ${detail}`);
  };
  if (head.length < 10 || head.toString('latin1', 0, 6) !== MAGIC) fail('missing the NumPy magic bytes');
  if (head[6] !== 1) fail(`NumPy format version ${head[6]}, expected 1`);
  const headerLength = head.readUInt16LE(8);
  if (head.length < 10 + headerLength) fail('truncated header');
  const dict = head.toString('latin1', 10, 10 + headerLength);
  const descr = /'descr':\s*(\[.*?\]),\s*'fortran_order'/.exec(dict)?.[1];
  const dimension = Number(DESCR.exec(descr ?? '')?.[1] ?? fail(`unexpected dtype ${descr ?? '(none)'}`));
  const count = Number(/'shape':\s*\((\d+),\)/.exec(dict)?.[1] ?? fail('shape is not one-dimensional'));
  return { count, dimension, dataOffset: 10 + headerLength, recordSize: PREFIX + 4 * dimension };
}

function decodeRecord(buffer: Buffer, offset: number, dimension: number): MovieEmbeddingRecord {
  const tmdbId = buffer.readInt32LE(offset + 4);
  const vector = new Float32Array(dimension);
  for (let d = 0; d < dimension; d++) vector[d] = buffer.readFloatLE(offset + PREFIX + 4 * d);
  return {
    movieId: buffer.readInt32LE(offset),
    tmdbId: tmdbId < 0 ? null : tmdbId,
    source: buffer[offset + 8] === 1 ? 'content_only' : 'two_tower',
    vector,
  };
}

/** Reads only the header of the file at `path`. */
export async function readMovieEmbeddingsHeader(path: string): Promise<MovieEmbeddingsHeader> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const header = parseMovieEmbeddingsHeader(head.subarray(0, bytesRead), path);
    const { size } = await handle.stat();
    const expected = header.dataOffset + header.count * header.recordSize;
    if (size !== expected)
      throw new DataFileError(path, null, `is ${size} bytes, expected ${expected} for ${header.count} records`);
    return header;
  } finally {
    await handle.close();
  }
}

/**
 * Yields the records from record `start` on, `batchSize` at a time, in file order (resumable
 * readers pass the position they reached).
 */
export async function* readMovieEmbeddings(
  path: string,
  options: { batchSize?: number; start?: number } = {},
): AsyncGenerator<MovieEmbeddingRecord[]> {
  const { batchSize = 1024, start = 0 } = options;
  const header = await readMovieEmbeddingsHeader(path);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(batchSize * header.recordSize);
    for (let index = start; index < header.count; index += batchSize) {
      const rows = Math.min(batchSize, header.count - index);
      const position = header.dataOffset + index * header.recordSize;
      await handle.read(buffer, 0, rows * header.recordSize, position);
      const batch: MovieEmbeddingRecord[] = [];
      for (let r = 0; r < rows; r++) batch.push(decodeRecord(buffer, r * header.recordSize, header.dimension));
      yield batch;
    }
  } finally {
    await handle.close();
  }
}
