import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFileError } from '../../core/errors.js';
import { pythonPresent, runPython, SKIP_WITHOUT_PYTHON } from '../../testing/python.js';
import { type MovieEmbeddingRecord, readMovieEmbeddings, readMovieEmbeddingsHeader } from './movie-embeddings.js';

const DESCR = (dimension: number) =>
  `[('movie_id', '<i4'), ('tmdb_id', '<i4'), ('source', '|u1'), ('embedding', '<f4', (${dimension},))]`;

/** A .npy file as docs/model.md describes it: magic, version 1.0, padded header, packed records. */
function npy(
  records: MovieEmbeddingRecord[],
  dimension: number,
  options: { descr?: string; version?: number; shape?: string } = {},
): Buffer {
  const dict = `{'descr': ${options.descr ?? DESCR(dimension)}, 'fortran_order': False, 'shape': ${options.shape ?? `(${records.length},)`}, }`;
  const headerLength = Math.ceil((10 + dict.length + 1) / 64) * 64 - 10;
  const head = Buffer.alloc(10 + headerLength, ' ');
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = options.version ?? 1;
  head[7] = 0;
  head.writeUInt16LE(headerLength, 8);
  head.write(dict, 10, 'latin1');
  head[head.length - 1] = 0x0a;
  const body = Buffer.alloc(records.length * (9 + 4 * dimension));
  records.forEach((r, i) => {
    const at = i * (9 + 4 * dimension);
    body.writeInt32LE(r.movieId, at);
    body.writeInt32LE(r.tmdbId ?? -1, at + 4);
    body[at + 8] = r.source === 'content_only' ? 1 : 0;
    r.vector.forEach((x, d) => body.writeFloatLE(x, at + 9 + 4 * d));
  });
  return Buffer.concat([head, body]);
}

const records = (count: number, dimension: number): MovieEmbeddingRecord[] =>
  Array.from({ length: count }, (_, i) => ({
    movieId: i + 1,
    tmdbId: i % 3 === 0 ? null : 500 + i,
    source: i % 4 === 0 ? 'content_only' : 'two_tower',
    vector: Float32Array.from({ length: dimension }, (_, d) => Math.fround(Math.sin(i * 10 + d))),
  }));

async function readAll(path: string, options?: { batchSize?: number; start?: number }) {
  const batches: MovieEmbeddingRecord[][] = [];
  for await (const batch of readMovieEmbeddings(path, options)) batches.push(batch);
  return batches;
}

describe('movie_embeddings.npy reader', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'movie-embeddings-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads every record in batches, from any start', async () => {
    const path = join(dir, 'ok.npy');
    const written = records(10, 6);
    await writeFile(path, npy(written, 6));
    expect(await readMovieEmbeddingsHeader(path)).toMatchObject({ count: 10, dimension: 6, recordSize: 33 });
    const batches = await readAll(path, { batchSize: 4 });
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(batches.flat()).toEqual(written);
    expect((await readAll(path, { batchSize: 4, start: 7 })).flat()).toEqual(written.slice(7));
    expect(await readAll(path, { start: 10 })).toEqual([]);
  });

  it('reads an empty file', async () => {
    const path = join(dir, 'empty.npy');
    await writeFile(path, npy([], 128));
    expect(await readAll(path)).toEqual([]);
  });

  it.each([
    ['not NumPy', () => Buffer.from('hello, this is not a numpy file at all'), 'missing the NumPy magic bytes'],
    ['version 2', () => npy(records(1, 4), 4, { version: 2 }), 'NumPy format version 2'],
    ['another dtype', () => npy(records(1, 4), 4, { descr: "'<f4'" }), 'unexpected dtype'],
    ['two dimensions', () => npy(records(1, 4), 4, { shape: '(1, 1)' }), 'not one-dimensional'],
    ['a truncated body', () => npy(records(3, 4), 4).subarray(0, -5), 'expected'],
  ])('refuses %s, naming the file', async (_, bytes, message) => {
    const path = join(dir, 'bad.npy');
    await writeFile(path, bytes());
    const error = await readMovieEmbeddingsHeader(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as DataFileError).file).toBe(path);
    expect((error as DataFileError).message).toContain(message);
  });

  const withPython = pythonPresent();
  it.skipIf(!withPython)(`reads the file NumPy writes${withPython ? '' : SKIP_WITHOUT_PYTHON}`, async () => {
    const path = join(dir, 'numpy.npy');
    await runPython(
      `
import sys, numpy as np
a = np.zeros(3, dtype=[('movie_id', '<i4'), ('tmdb_id', '<i4'), ('source', 'u1'), ('embedding', '<f4', (128,))])
a['movie_id'] = [1, 7, 193609]; a['tmdb_id'] = [862, -1, 37891]; a['source'] = [0, 1, 0]
a['embedding'] = np.arange(3 * 128, dtype=np.float32).reshape(3, 128) / 8
np.save(sys.argv[1], a)
`,
      [path],
    );
    const read = (await readAll(path)).flat();
    expect(read.map(({ movieId, tmdbId, source }) => ({ movieId, tmdbId, source }))).toEqual([
      { movieId: 1, tmdbId: 862, source: 'two_tower' },
      { movieId: 7, tmdbId: null, source: 'content_only' },
      { movieId: 193609, tmdbId: 37891, source: 'two_tower' },
    ]);
    expect(read[2]!.vector).toEqual(Float32Array.from({ length: 128 }, (_, d) => (256 + d) / 8));
  });
});
