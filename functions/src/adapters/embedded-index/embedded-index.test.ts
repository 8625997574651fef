import { mkdtemp, readdir, readFile, rename, rm, truncate, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CodedError, DataFileError } from '../../core/errors.js';
import { describeVectorIndexContract, fixturePoints } from '../../core/recommendations/vector-index.contract.js';
import type { MoviePoint, VectorIndex } from '../../core/recommendations/vector-index.port.js';
import { FLOAT_BYTES, type Manifest, MANIFEST_FILE } from './format.js';
import { buildGraph, graphFileHash } from './graph.js';
import { createEmbeddedIndexWriter, embeddedIndexExists, loadEmbeddedIndex } from './index.js';

/** The index as the writer last published it: loaded afresh for every call. */
function publishedIndex(dir: string): VectorIndex {
  return {
    name: 'embedded',
    search: async (query) => (await loadEmbeddedIndex(dir)).search(query),
    vectors: async (ids) => (await loadEmbeddedIndex(dir)).vectors(ids),
    count: async () => (await loadEmbeddedIndex(dir)).count(),
  };
}

describeVectorIndexContract('embedded', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'embedded-index-'));
  return {
    index: publishedIndex(dir),
    writer: createEmbeddedIndexWriter(dir),
    close: () => rm(dir, { recursive: true, force: true }),
  };
});

describeVectorIndexContract('embedded, with its graph', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'embedded-graph-'));
  return {
    index: publishedIndex(dir),
    writer: createEmbeddedIndexWriter(dir, { graphMinPoints: 1 }),
    close: () => rm(dir, { recursive: true, force: true }),
  };
});

async function publish(dir: string, points: readonly MoviePoint[], graphMinPoints?: number): Promise<void> {
  const writer = createEmbeddedIndexWriter(dir, graphMinPoints === undefined ? {} : { graphMinPoints });
  await writer.prepare(points[0]?.vector.length ?? 32);
  await writer.upsert(points);
  await writer.finish();
}

const manifestOf = async (dir: string) => JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf-8')) as Manifest;

async function loadError(dir: string): Promise<DataFileError> {
  const error = await loadEmbeddedIndex(dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataFileError);
  return error as DataFileError;
}

describe('embedded index on disk', () => {
  let dir: string;
  const points = fixturePoints(3).slice(0, 50);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embedded-index-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes a manifest, one vectors file and one points file', async () => {
    expect(embeddedIndexExists(dir)).toBe(false);
    await publish(dir, points);
    expect(embeddedIndexExists(dir)).toBe(true);
    const manifest = await manifestOf(dir);
    expect(manifest).toMatchObject({ format: 'movierec-embedded-index', version: 2, dimension: 32, count: 50 });
    expect((await readdir(dir)).sort()).toEqual([MANIFEST_FILE, manifest.points, manifest.vectors].sort());
    const index = await loadEmbeddedIndex(dir);
    expect({ name: index.name, dimension: index.dimension, points: index.points }).toEqual({
      name: 'embedded',
      dimension: 32,
      points: 50,
    });
  });

  it('refuses to read an index of an older format, and the next load replaces it whole', async () => {
    await publish(dir, points);
    const manifest = await manifestOf(dir);
    await writeFile(join(dir, MANIFEST_FILE), JSON.stringify({ ...manifest, version: 1 }));
    expect((await loadError(dir)).message).toMatch(
      /format version 1, this version reads 2: rebuild it with `npm run cli -- load-embeddings --force`/,
    );
    await publish(dir, points.slice(0, 10));
    expect((await manifestOf(dir)).version).toBe(2);
    expect(await (await loadEmbeddedIndex(dir)).count()).toBe(10);
  });

  it('publishes the same fingerprint for the same points, and drops the files of a replaced index', async () => {
    await publish(dir, points);
    const first = await manifestOf(dir);
    await publish(dir, points);
    expect((await manifestOf(dir)).fingerprint).toBe(first.fingerprint);
    await publish(
      dir,
      fixturePoints(4)
        .slice(0, 10)
        .map((p) => ({ ...p, movieId: p.movieId + 10_000 })),
    );
    const third = await manifestOf(dir);
    expect(third.count).toBe(60);
    expect((await readdir(dir)).sort()).toEqual([MANIFEST_FILE, third.points, third.vectors].sort());
  });

  it('leaves the published index untouched until finish()', async () => {
    await publish(dir, points);
    const writer = createEmbeddedIndexWriter(dir);
    await writer.prepare(32);
    await writer.upsert(
      fixturePoints(9)
        .slice(0, 20)
        .map((p) => ({ ...p, movieId: p.movieId + 10_000 })),
    );
    expect(await (await loadEmbeddedIndex(dir)).count()).toBe(50);
    await writer.finish();
    expect(await (await loadEmbeddedIndex(dir)).count()).toBe(70);
  });

  it('removes staging folders a crashed writer left behind', async () => {
    const stale = join(dir, '.staging-crashed');
    await mkdir(stale);
    await writeFile(join(stale, 'vectors.f32'), Buffer.alloc(64));
    const longAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(stale, longAgo, longAgo);
    await publish(dir, points);
    expect(await readdir(dir)).not.toContain('.staging-crashed');
  });

  it('scores dimensions that are not a multiple of the SIMD block exactly', async () => {
    const small: MoviePoint[] = [
      {
        movieId: 1,
        tmdbId: null,
        genres: [],
        year: null,
        recommendable: false,
        source: 'two_tower',
        vector: Float32Array.of(1, 0, 0, 0, 0),
      },
      {
        movieId: 2,
        tmdbId: 5,
        genres: ['Drama'],
        year: 1999,
        recommendable: true,
        source: 'content_only',
        vector: Float32Array.of(0.6, 0.8, 0, 0, 0),
      },
      {
        movieId: 3,
        tmdbId: 6,
        genres: ['Drama'],
        year: 2000,
        recommendable: true,
        source: 'two_tower',
        vector: Float32Array.of(0, 0, 0, 0.6, -0.8),
      },
    ];
    await publish(dir, small);
    const index = await loadEmbeddedIndex(dir);
    const hits = await index.search({ vector: Float32Array.of(0.6, 0.5, 0, 0.7, -0.1), limit: 3 });
    expect(hits.map((h) => h.movieId)).toEqual([2, 1, 3]);
    expect(hits.map((h) => h.score)).toEqual([expect.closeTo(0.76, 6), expect.closeTo(0.6, 6), expect.closeTo(0.5, 6)]);
    expect((await index.vectors([3])).get(3)).toEqual(small[2]!.vector);
  });

  it('refuses bad points and calls out of order as invalid input', async () => {
    const writer = createEmbeddedIndexWriter(dir);
    const code = (work: Promise<unknown>) =>
      work.then(
        () => null,
        (e: unknown) => (e as CodedError).code,
      );
    expect(await code(writer.upsert(points))).toBe('invalid_input');
    expect(await code(writer.finish())).toBe('invalid_input');
    await writer.prepare(32);
    expect(await code(writer.upsert([{ ...points[0]!, movieId: 0 }]))).toBe('invalid_input');
    expect(await code(writer.upsert([{ ...points[0]!, vector: new Float32Array(32).fill(NaN) }]))).toBe(
      'invalid_input',
    );
    expect(await code(writer.prepare(16))).toBe('conflict');
  });

  it('refuses bad queries as invalid input', async () => {
    await publish(dir, points);
    const index = await loadEmbeddedIndex(dir);
    const vector = points[0]!.vector;
    for (const query of [
      { vector, limit: 0 },
      { vector, limit: 2.5 },
      { vector, limit: 5, offset: -1 },
      { vector: new Float32Array(32).fill(Infinity), limit: 5 },
    ]) {
      await expect(index.search(query)).rejects.toMatchObject({ code: 'invalid_input' });
    }
  });

  it('names the manifest when the folder holds no index', async () => {
    const error = await loadError(join(dir, 'nothing-here'));
    expect(error.file).toBe(join(dir, 'nothing-here', MANIFEST_FILE));
    expect(error.message).toContain('missing');
  });

  it('names the file that is damaged', async () => {
    await publish(dir, points);
    const manifest = await manifestOf(dir);
    const vectors = join(dir, manifest.vectors);
    const original = await readFile(vectors);

    await truncate(vectors, original.length - 4);
    expect((await loadError(dir)).file).toBe(vectors);

    const flipped = Buffer.from(original);
    flipped[100] = (flipped[100] as number) ^ 0xff;
    await writeFile(vectors, flipped);
    const mismatch = await loadError(dir);
    expect(mismatch.file).toBe(join(dir, MANIFEST_FILE));
    expect(mismatch.message).toContain('fingerprint');

    await writeFile(vectors, original);
    const pointsFile = join(dir, manifest.points);
    const lines = (await readFile(pointsFile, 'utf-8')).split('\n');
    await writeFile(pointsFile, [lines[0], '{"movieId": "seven"}', ...lines.slice(2)].join('\n'));
    expect(await loadError(dir)).toMatchObject({ file: pointsFile, line: 2 });

    await writeFile(join(dir, MANIFEST_FILE), '{"format": "something else"}');
    expect((await loadError(dir)).file).toBe(join(dir, MANIFEST_FILE));
  });

  it('refuses to build on a damaged index', async () => {
    await publish(dir, points);
    const manifest = await manifestOf(dir);
    const vectors = join(dir, manifest.vectors);
    const damaged = await readFile(vectors);
    damaged[0] = (damaged[0] as number) ^ 0xff;
    await writeFile(vectors, damaged);
    const error = await createEmbeddedIndexWriter(dir)
      .prepare(32)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(DataFileError);
    expect((await readdir(dir)).filter((name) => name.startsWith('.staging-'))).toEqual([]);
  });

  it('builds the graph from graphMinPoints on, keeps it on a re-run with the same points, and refuses a damaged one', async () => {
    await publish(dir, points, points.length + 1);
    expect((await manifestOf(dir)).graph).toBeUndefined();
    expect((await loadEmbeddedIndex(dir)).graph).toBe(false);

    const rows: number[] = [];
    const writer = createEmbeddedIndexWriter(dir, {
      graphMinPoints: points.length,
      onGraphProgress: (n) => rows.push(n),
    });
    await writer.prepare(32);
    await writer.upsert(points);
    await writer.finish();
    expect(rows.at(-1)).toBe(points.length);
    const manifest = await manifestOf(dir);
    expect(manifest.graph).toMatch(/^graph-i8-[0-9a-f]{16}\.usearch$/);
    expect((await readdir(dir)).sort()).toEqual(
      [MANIFEST_FILE, manifest.points, manifest.vectors, manifest.graph].sort(),
    );
    const index = await loadEmbeddedIndex(dir);
    expect(index.graph).toBe(true);
    const target = points[7] as MoviePoint;
    expect((await index.search({ vector: target.vector, limit: 1 }))[0]?.movieId).toBe(target.movieId);

    rows.length = 0;
    await publish(dir, points, points.length);
    expect((await manifestOf(dir)).graph).toBe(manifest.graph);

    const graph = join(dir, manifest.graph as string);
    const bytes = await readFile(graph);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0xff;
    await writeFile(graph, bytes);
    const error = await loadError(dir);
    expect(error.file).toBe(graph);
    expect(error.message).toContain('damaged');
    expect((await loadEmbeddedIndex(dir, { exact: true })).graph).toBe(false);
  });

  it('still searches a float32 graph of the first release, and replaces it when the index is published again', async () => {
    await publish(dir, points, points.length);
    const manifest = await manifestOf(dir);
    const raw = await readFile(join(dir, manifest.vectors));
    const vectors = new Float32Array(raw.buffer, raw.byteOffset, raw.length / FLOAT_BYTES);
    const built = join(dir, 'f32.usearch');
    await buildGraph(vectors, 32, built, () => {}, 'f32');
    const legacy = `graph-${await graphFileHash(built)}.usearch`;
    await rename(built, join(dir, legacy));
    await writeFile(join(dir, MANIFEST_FILE), JSON.stringify({ ...manifest, graph: legacy }));

    const index = await loadEmbeddedIndex(dir);
    expect(index.graph).toBe(true);
    const query = { vector: (points[11] as MoviePoint).vector, limit: 5 };
    const [found, exact] = [
      await index.search(query),
      await (await loadEmbeddedIndex(dir, { exact: true })).search(query),
    ];
    expect(found.map((hit) => hit.movieId)).toEqual(exact.map((hit) => hit.movieId));
    found.forEach((hit, i) => expect(hit.score).toBeCloseTo(exact[i]!.score, 6));
    await publish(dir, points, points.length);
    expect((await manifestOf(dir)).graph).toMatch(/^graph-i8-/);
    expect(await readdir(dir)).not.toContain(legacy);
  });
});
