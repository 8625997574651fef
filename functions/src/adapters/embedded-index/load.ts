/**
 * Streams an embedded index folder into memory: the vectors file in chunks straight into the score
 * kernel's memory, the points file line by line. Both are hashed on the way and must match the
 * manifest's fingerprint and counts, so a damaged or partly copied index is refused.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Hash } from 'node:crypto';
import { DataFileError } from '../../core/errors.js';
import {
  FLOAT_BYTES,
  fingerprintHash,
  fingerprintOf,
  MANIFEST_FILE,
  type Manifest,
  graphHashOf,
  graphScalarOf,
  parsePayloadLine,
  readManifest,
} from './format.js';
import { GenreMasks } from './genre-masks.js';
import { type Graph, openGraph } from './graph.js';
import { createScoreKernel, type ScoreKernel } from '../../core/vector-math/simd-kernel.js';

export interface LoadedPoints {
  manifest: Manifest;
  kernel: ScoreKernel;
  /** Row → movie id. */
  movieIds: Int32Array;
  /** Movie id → row. */
  rowOf: Map<number, number>;
  genres: GenreMasks;
  /** Row → 1 when the movie is recommendable. */
  recommendable: Uint8Array;
  /** Share of the rows that are recommendable. */
  recommendableShare: number;
  /** The search graph, for catalogs of GRAPH_MIN_POINTS and more. */
  graph: Graph | null;
}

const CHUNK_BYTES = 4 * 2 ** 20;

/** Reads the vectors file row by row into the kernel's (possibly padded) rows. */
async function readVectors(file: string, manifest: Manifest, kernel: ScoreKernel, hash: Hash): Promise<void> {
  const { count, dimension } = manifest;
  const rowBytes = dimension * FLOAT_BYTES;
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size !== count * rowBytes)
      throw new DataFileError(
        file,
        null,
        `is ${size} bytes, expected ${count * rowBytes} (${count} × ${dimension} float32)`,
      );
    const rowsPerChunk = Math.max(1, Math.floor(CHUNK_BYTES / rowBytes));
    const chunk = Buffer.alloc(rowsPerChunk * rowBytes);
    const floats = new Float32Array(chunk.buffer, chunk.byteOffset, chunk.length / FLOAT_BYTES);
    for (let row = 0; row < count; row += rowsPerChunk) {
      const rows = Math.min(rowsPerChunk, count - row);
      const bytes = rows * rowBytes;
      for (let filled = 0; filled < bytes;) {
        const { bytesRead } = await handle.read(chunk, filled, bytes - filled, row * rowBytes + filled);
        if (bytesRead === 0) throw new DataFileError(file, null, 'ended early');
        filled += bytesRead;
      }
      hash.update(chunk.subarray(0, bytes));
      for (let r = 0; r < rows; r++)
        kernel.vectors.set(floats.subarray(r * dimension, (r + 1) * dimension), (row + r) * kernel.stride);
    }
  } finally {
    await handle.close();
  }
}

/** Reads the points file: one payload per line, in row order. */
async function readPoints(
  file: string,
  manifest: Manifest,
  hash: Hash,
): Promise<Pick<LoadedPoints, 'movieIds' | 'rowOf' | 'genres' | 'recommendable' | 'recommendableShare'>> {
  const { count } = manifest;
  const movieIds = new Int32Array(count);
  const recommendable = new Uint8Array(count);
  const rowOf = new Map<number, number>();
  const genres = new GenreMasks(count);
  const stream = createReadStream(file);
  stream.on('data', (chunk) => hash.update(chunk));
  let row = 0;
  try {
    for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
      if (row >= count) throw new DataFileError(file, row + 1, `more lines than the manifest's ${count} points`);
      const point = parsePayloadLine(line, file, row + 1);
      if (rowOf.has(point.movieId)) throw new DataFileError(file, row + 1, `movie ${point.movieId} appears twice`);
      movieIds[row] = point.movieId;
      rowOf.set(point.movieId, row);
      genres.add(row, point.genres);
      recommendable[row] = point.recommendable ? 1 : 0;
      row += 1;
    }
  } finally {
    stream.destroy();
  }
  if (row !== count) throw new DataFileError(file, null, `has ${row} lines, expected ${count}`);
  const recommendableShare = recommendable.reduce((sum, flag) => sum + flag, 0) / Math.max(1, count);
  return { movieIds, rowOf, genres, recommendable, recommendableShare };
}

async function loadOnce(dir: string, withGraph: boolean): Promise<LoadedPoints> {
  const manifest = await readManifest(dir);
  const hash = fingerprintHash(manifest.dimension, manifest.count);
  const kernel = createScoreKernel(manifest.count, manifest.dimension);
  await readVectors(join(dir, manifest.vectors), manifest, kernel, hash);
  const points = await readPoints(join(dir, manifest.points), manifest, hash);
  const actual = fingerprintOf(hash);
  if (actual !== manifest.fingerprint) {
    throw new DataFileError(
      join(dir, MANIFEST_FILE),
      null,
      `fingerprint ${manifest.fingerprint} does not match the data files (${actual}): damaged or partly copied`,
    );
  }
  const graph =
    withGraph && manifest.graph
      ? await openGraph(
          { file: join(dir, manifest.graph), hash: graphHashOf(manifest.graph), scalar: graphScalarOf(manifest.graph) },
          manifest.dimension,
          manifest.count,
        )
      : null;
  return { manifest, kernel, ...points, graph };
}

/**
 * Loads the index in `dir` (without its graph when `withGraph` is false: the exact reference). A
 * writer publishing meanwhile removes the previous data files, so a load that lost that race (a data
 * file vanished) reads the new manifest once more.
 */
export async function loadPoints(dir: string, withGraph = true): Promise<LoadedPoints> {
  try {
    return await loadOnce(dir, withGraph);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw asDataFileError(error);
    return await loadOnce(dir, withGraph).catch((again: unknown) => {
      throw asDataFileError(again);
    });
  }
}

/** A file system error (it names a path) as a DataFileError naming that file. */
function asDataFileError(error: unknown): unknown {
  const { code, path } = error as NodeJS.ErrnoException;
  if (error instanceof DataFileError || !path) return error;
  return new DataFileError(path, null, code === 'ENOENT' ? 'missing' : (error as Error).message);
}
