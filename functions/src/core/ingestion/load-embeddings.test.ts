import { describe, expect, it } from 'vitest';
import { CodedError } from '../errors.js';
import type { MoviePoint, VectorIndexWriter } from '../recommendations/vector-index.port.js';
import type {
  CheckpointStore,
  EmbeddingRecord,
  EmbeddingsFile,
  IngestionCheckpoint,
  IngestionTarget,
  MoviePayload,
} from './ingestion.port.js';
import { loadEmbeddings, loadEmbeddingsJob, type LoadEmbeddingsInput } from './load-embeddings.js';

const DIM = 4;

function record(movieId: number, seed = 0): EmbeddingRecord {
  return {
    movieId,
    tmdbId: 1000 + movieId,
    source: movieId % 2 ? 'two_tower' : 'content_only',
    vector: Float32Array.from({ length: DIM }, (_, d) => movieId + d / 10 + seed),
  };
}

function embeddingsFile(records: EmbeddingRecord[], name = 'movie_embeddings.npy'): EmbeddingsFile {
  return {
    name,
    count: records.length,
    dimension: DIM,
    async *read(start, batchSize) {
      for (let i = start; i < records.length; i += batchSize) yield records.slice(i, i + batchSize);
    },
  };
}

/** An index that keeps what it is given (like Qdrant) or stages it until finish() (like the embedded index). */
class FakeIndex implements VectorIndexWriter {
  readonly points = new Map<number, MoviePoint>();
  readonly calls: string[] = [];
  /** Movie ids of each upsert call, in order. */
  readonly upserts: number[][] = [];
  private staged = new Map<number, MoviePoint>();
  failOnUpsert: number | null = null;

  constructor(
    readonly name: string,
    readonly staging: boolean,
  ) {}

  async prepare(dimension: number) {
    this.calls.push(`prepare ${dimension}`);
    this.staged = new Map();
  }

  async upsert(points: readonly MoviePoint[]) {
    if (this.upserts.length + 1 === this.failOnUpsert) throw new Error('injected upsert failure');
    this.upserts.push(points.map((p) => p.movieId));
    for (const p of points) (this.staging ? this.staged : this.points).set(p.movieId, p);
  }

  async finish() {
    this.calls.push('finish');
    if (this.staging) for (const [id, p] of this.staged) this.points.set(id, p);
  }
}

class MemoryCheckpoints implements CheckpointStore {
  readonly saved = new Map<string, IngestionCheckpoint>();
  async read(job: string) {
    return this.saved.get(job) ?? null;
  }
  async save(checkpoint: IngestionCheckpoint) {
    this.saved.set(checkpoint.job, { ...checkpoint });
  }
}

const knownMovies = new Map<number, MoviePayload>(
  Array.from({ length: 12 }, (_, i) => [
    i + 1,
    { tmdbId: 2000 + i + 1, genres: i % 3 ? ['Drama'] : ['Comedy', 'Drama'], year: 1990 + i, recommendable: i !== 4 },
  ]),
);
const lookups: number[][] = [];
async function payloads(ids: readonly number[]) {
  lookups.push([...ids]);
  return new Map(
    ids.flatMap((id) => (knownMovies.has(id) ? [[id, knownMovies.get(id) as MoviePayload] as const] : [])),
  );
}

const tenMovies = Array.from({ length: 10 }, (_, i) => record(i + 1));

function setup() {
  const qdrant = new FakeIndex('qdrant', false);
  const embedded = new FakeIndex('embedded', true);
  const targets: IngestionTarget[] = [
    { job: loadEmbeddingsJob('qdrant:movies'), writer: qdrant, resumable: true },
    { job: loadEmbeddingsJob('embedded'), writer: embedded, resumable: false },
  ];
  const checkpoints = new MemoryCheckpoints();
  const run = (overrides: Partial<LoadEmbeddingsInput> = {}) =>
    loadEmbeddings({ file: embeddingsFile(tenMovies), payloads, targets, checkpoints, batchSize: 4, ...overrides });
  return { qdrant, embedded, targets, checkpoints, run };
}

describe('loadEmbeddings', () => {
  it('upserts every record with its database payload into every target, in batches', async () => {
    const { qdrant, embedded, checkpoints, run } = setup();
    const progress: number[] = [];
    const report = await run({ onProgress: (done, total) => progress.push(done / total) });
    expect(report).toMatchObject({ records: 10, dimension: DIM, read: 10, unknownMovies: { count: 0, sample: [] } });
    expect(report.targets).toEqual([
      { name: 'qdrant', job: 'load-embeddings:qdrant:movies', status: 'started', from: 0, points: 10 },
      { name: 'embedded', job: 'load-embeddings:embedded', status: 'started', from: 0, points: 10 },
    ]);
    expect(progress).toEqual([0, 0.4, 0.8, 1]);
    expect(qdrant.upserts).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10],
    ]);
    expect(qdrant.calls).toEqual([`prepare ${DIM}`, 'finish']);
    // The payload comes from the database (tmdb id 2003, not the file's 1003); the vector from the file.
    expect(embedded.points.get(3)).toEqual({
      movieId: 3,
      tmdbId: 2003,
      genres: ['Drama'],
      year: 1992,
      recommendable: true,
      source: 'two_tower',
      vector: tenMovies[2]!.vector,
    });
    expect(embedded.points.get(5)?.recommendable).toBe(false);
    expect(checkpoints.saved.get('load-embeddings:embedded')).toMatchObject({
      position: 10,
      total: 10,
      completedAt: expect.any(Date),
    });
  });

  it('counts and reports records whose movie is not in the database, and indexes the rest', async () => {
    const { qdrant, run } = setup();
    const records = [record(1), record(404), record(2), record(500)];
    const report = await run({ file: embeddingsFile(records) });
    expect(report.unknownMovies).toEqual({ count: 2, sample: [404, 500] });
    expect([...qdrant.points.keys()]).toEqual([1, 2]);
    expect(report.targets.map((t) => t.points)).toEqual([2, 2]);
  });

  it('resumes a resumable target after a failure mid-run and replays the file for a staging one', async () => {
    const { qdrant, embedded, checkpoints, run } = setup();
    qdrant.failOnUpsert = 2;
    await expect(run()).rejects.toThrow('injected upsert failure');
    expect(checkpoints.saved.get('load-embeddings:qdrant:movies')).toMatchObject({ position: 4, completedAt: null });
    expect(embedded.points.size).toBe(0); // staged, never published
    qdrant.failOnUpsert = null;
    qdrant.upserts.length = 0;
    embedded.upserts.length = 0;
    const report = await run({ batchSize: 3 });
    expect(report.targets.map((t) => [t.status, t.from, t.points])).toEqual([
      ['resumed', 4, 7],
      ['restarted', 0, 10],
    ]);
    expect(qdrant.upserts).toEqual([[4, 5, 6], [7, 8, 9], [10]]); // records [3, 6) form one batch: movie 4, done before, comes again
    expect(embedded.upserts.flat()).toEqual(tenMovies.map((r) => r.movieId));
    expect([...qdrant.points.keys()].sort((a, b) => a - b)).toEqual(tenMovies.map((r) => r.movieId));
    expect(embedded.points.size).toBe(10);
  });

  it('skips targets that already hold this file, unless forced', async () => {
    const { qdrant, embedded, run } = setup();
    const first = await run();
    lookups.length = 0;
    const again = await run({ file: embeddingsFile(tenMovies, 'a copy elsewhere.npy') });
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(again).toMatchObject({
      read: 0,
      targets: [
        { status: 'skipped', points: 0 },
        { status: 'skipped', points: 0 },
      ],
    });
    expect(lookups).toEqual([]);
    expect(qdrant.calls).toEqual([`prepare ${DIM}`, 'finish']);
    const forced = await run({ force: true });
    expect(forced.targets.map((t) => [t.status, t.points])).toEqual([
      ['restarted', 10],
      ['restarted', 10],
    ]);
    expect(embedded.calls).toHaveLength(4);
  });

  it('loads the same file again when the payloads changed (their digest), and skips it while they stay', async () => {
    const { run } = setup();
    const first = await run({ payloadsDigest: 'v1' });
    expect((await run({ payloadsDigest: 'v1' })).targets.map((t) => t.status)).toEqual(['skipped', 'skipped']);
    const changed = await run({ payloadsDigest: 'v2' });
    expect(changed.fingerprint).not.toBe(first.fingerprint);
    expect(changed.targets.map((t) => [t.status, t.points])).toEqual([
      ['restarted', 10],
      ['restarted', 10],
    ]);
  });

  it('loads again a target whose index is gone, whatever its checkpoint says', async () => {
    const { targets, checkpoints, run } = setup();
    await run();
    let exists = false;
    const watched = [{ ...targets[0]!, exists: async () => exists }, targets[1]!];
    const report = await run({ targets: watched });
    expect(report.targets.map((t) => [t.status, t.points])).toEqual([
      ['restarted', 10],
      ['skipped', 0],
    ]);
    exists = true;
    expect((await run({ targets: watched })).targets.map((t) => t.status)).toEqual(['skipped', 'skipped']);
    expect(checkpoints.saved.size).toBe(2);
  });

  it('starts over when the file changed', async () => {
    const { qdrant, checkpoints, run } = setup();
    const first = await run();
    const retrained = [...tenMovies.slice(0, 9), record(10, 0.5)];
    const second = await run({ file: embeddingsFile(retrained) });
    expect(second.fingerprint).not.toBe(first.fingerprint);
    expect(second.targets.map((t) => [t.status, t.from, t.points])).toEqual([
      ['restarted', 0, 10],
      ['restarted', 0, 10],
    ]);
    expect(qdrant.points.get(10)?.vector).toEqual(retrained[9]!.vector);
    expect(checkpoints.saved.get('load-embeddings:qdrant:movies')?.sourceFingerprint).toBe(second.fingerprint);
  });

  it('loads only the targets that need it', async () => {
    const { qdrant, embedded, targets, checkpoints } = setup();
    await loadEmbeddings({ file: embeddingsFile(tenMovies), payloads, targets: [targets[0]!], checkpoints });
    const report = await loadEmbeddings({ file: embeddingsFile(tenMovies), payloads, targets, checkpoints });
    expect(report.targets.map((t) => t.status)).toEqual(['skipped', 'started']);
    expect(qdrant.calls).toEqual([`prepare ${DIM}`, 'finish']);
    expect(embedded.points.size).toBe(10);
  });

  it('refuses a bad batch size or a target listed twice', async () => {
    const { targets, run } = setup();
    await expect(run({ batchSize: 0 })).rejects.toThrow(CodedError);
    await expect(run({ targets: [targets[0]!, targets[0]!] })).rejects.toThrow(/listed twice/);
  });
});
