/**
 * One writing session of the embedded index: a staging folder inside the index folder (so the final
 * renames stay on one file system) holding the vectors file, written in place by row, while the
 * payload lines stay in memory. It starts from the published index, so upserts by movie id add or
 * replace points and a re-run with the same points publishes the same fingerprint.
 */
import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DataFileError } from '../../core/errors.js';
import { buildGraph, GRAPH_SCALAR, graphFileHash } from './graph.js';
import { hashFile } from './hash-file.js';
import type { MoviePoint } from '../../core/recommendations/vector-index.port.js';
import {
  FLOAT_BYTES,
  fingerprintHash,
  fingerprintOf,
  FORMAT,
  FORMAT_VERSION,
  graphFileName,
  graphScalarOf,
  isDataFile,
  type Manifest,
  MANIFEST_FILE,
  parsePayloadLine,
  payloadLine,
  pointsFileName,
  readManifest,
  vectorsFileName,
} from './format.js';

const STAGING_PREFIX = '.staging-';
/** Staging folders older than this are left over from a crash and removed. */
const STALE_STAGING_MS = 60 * 60 * 1000;

export interface StagingOptions {
  /** From this many points on, publishing builds the search graph (graph.ts). */
  graphMinPoints: number;
  onGraphProgress?: (rows: number, total: number) => void;
}

export interface StagingSession {
  readonly dimension: number;
  upsert(points: readonly MoviePoint[]): Promise<void>;
  /** Publishes the staged index and ends the session. */
  publish(): Promise<Manifest>;
}

async function removeStaleStaging(dir: string): Promise<void> {
  for (const entry of await readdir(dir)) {
    if (!entry.startsWith(STAGING_PREFIX)) continue;
    const path = join(dir, entry);
    const { mtimeMs } = await stat(path);
    if (Date.now() - mtimeMs > STALE_STAGING_MS) await rm(path, { recursive: true, force: true });
  }
}

/** Copies the published index into the staging vectors file and the payload lines, checking the fingerprint. */
async function seed(dir: string, manifest: Manifest, vectors: FileHandle) {
  const hash = fingerprintHash(manifest.dimension, manifest.count);
  await hashFile(join(dir, manifest.vectors), hash, vectors);
  const file = join(dir, manifest.points);
  const lines: string[] = [];
  const rowOf = new Map<number, number>();
  const stream = createReadStream(file);
  stream.on('data', (chunk) => hash.update(chunk));
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    rowOf.set(parsePayloadLine(line, file, lines.length + 1).movieId, lines.length);
    lines.push(line);
  }
  if (lines.length !== manifest.count || fingerprintOf(hash) !== manifest.fingerprint) {
    throw new DataFileError(
      join(dir, MANIFEST_FILE),
      null,
      'the published data files do not match the manifest (damaged): delete the folder to rebuild the index',
    );
  }
  return { lines, rowOf };
}

/** Writes each run of consecutive rows with one positional write. */
async function writeRows(handle: FileHandle, rows: Map<number, Float32Array>, dimension: number): Promise<void> {
  const sorted = [...rows.keys()].sort((a, b) => a - b);
  const rowBytes = dimension * FLOAT_BYTES;
  for (let start = 0; start < sorted.length;) {
    let end = start + 1;
    while (end < sorted.length && sorted[end] === (sorted[end - 1] as number) + 1) end++;
    const run = new Float32Array((end - start) * dimension);
    for (let i = start; i < end; i++) run.set(rows.get(sorted[i] as number) as Float32Array, (i - start) * dimension);
    await handle.write(new Uint8Array(run.buffer), 0, run.byteLength, (sorted[start] as number) * rowBytes);
    start = end;
  }
}

/** Opens `path` (a file or a folder), writes `chunks` when given, and syncs it to disk. */
async function syncAndClose(path: string, chunks?: Iterable<string>): Promise<void> {
  const handle = await open(path, chunks === undefined ? 'r' : 'w');
  try {
    for (const chunk of chunks ?? []) await handle.write(chunk);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The points file's text in pieces of 10,000 lines (one string of 700K lines would be huge). */
function* pointsText(lines: readonly string[]): Generator<string> {
  for (let start = 0; start < lines.length; start += 10_000) yield `${lines.slice(start, start + 10_000).join('\n')}\n`;
}

/** Removes data files the published manifest does not name (the index it replaced). */
async function removeUnreferenced(dir: string): Promise<void> {
  const current = await readManifest(dir);
  for (const entry of await readdir(dir)) {
    if (isDataFile(entry) && ![current.vectors, current.points, current.graph].includes(entry))
      await rm(join(dir, entry), { force: true });
  }
}

/**
 * The graph for the staged `vectors`: the published one when the data is unchanged (a re-run) and
 * it is of the current kind, else built in the staging folder and moved beside the data files
 * under its hash.
 */
async function publishGraph(
  dir: string,
  staging: string,
  vectors: Buffer,
  staged: Pick<Manifest, 'fingerprint' | 'dimension'>,
  published: Manifest | null,
  onProgress: StagingOptions['onGraphProgress'],
): Promise<string> {
  const kept = published?.fingerprint === staged.fingerprint ? published.graph : undefined;
  if (kept && graphScalarOf(kept) === GRAPH_SCALAR) return kept;
  const file = join(staging, 'graph.usearch');
  const floats = new Float32Array(vectors.buffer, vectors.byteOffset, vectors.length / FLOAT_BYTES);
  await buildGraph(floats, staged.dimension, file, onProgress ?? (() => {}));
  const name = graphFileName(await graphFileHash(file));
  await rename(file, join(dir, name));
  return name;
}

export async function openStagingSession(
  dir: string,
  dimension: number,
  published: Manifest | null,
  options: StagingOptions,
): Promise<StagingSession> {
  await mkdir(dir, { recursive: true });
  await removeStaleStaging(dir);
  const staging = await mkdtemp(join(dir, STAGING_PREFIX));
  const vectorsPath = join(staging, 'vectors.f32');
  const pointsPath = join(staging, 'points.jsonl');
  const vectors = await open(vectorsPath, 'w+');
  const seeded = published
    ? await seed(dir, published, vectors).catch(async (error: unknown) => {
        await vectors.close();
        await rm(staging, { recursive: true, force: true });
        throw error;
      })
    : { lines: [] as string[], rowOf: new Map<number, number>() };
  const { lines, rowOf } = seeded;

  return {
    dimension,
    async upsert(points) {
      const rows = new Map<number, Float32Array>();
      for (const point of points) {
        const row = rowOf.get(point.movieId) ?? lines.length;
        if (row === lines.length) rowOf.set(point.movieId, row);
        lines[row] = payloadLine(point);
        rows.set(row, point.vector);
      }
      await writeRows(vectors, rows, dimension);
    },
    async publish() {
      try {
        await vectors.sync().finally(() => vectors.close());
        await syncAndClose(pointsPath, pointsText(lines));
        const count = lines.length;
        const hash = fingerprintHash(dimension, count);
        // A catalog that gets a graph is read once, for the hash and the build.
        const graphVectors = count >= options.graphMinPoints ? await readFile(vectorsPath) : null;
        if (graphVectors) hash.update(graphVectors);
        else await hashFile(vectorsPath, hash);
        await hashFile(pointsPath, hash);
        const fingerprint = fingerprintOf(hash);
        const graph =
          graphVectors &&
          (await publishGraph(
            dir,
            staging,
            graphVectors,
            { fingerprint, dimension },
            published,
            options.onGraphProgress,
          ));
        const manifest: Manifest = {
          format: FORMAT,
          version: FORMAT_VERSION,
          dimension,
          count,
          fingerprint,
          vectors: vectorsFileName(fingerprint),
          points: pointsFileName(fingerprint),
          ...(graph && { graph }),
        };
        await rename(vectorsPath, join(dir, manifest.vectors));
        await rename(pointsPath, join(dir, manifest.points));
        const manifestTemp = join(staging, MANIFEST_FILE);
        await syncAndClose(manifestTemp, [`${JSON.stringify(manifest, null, 2)}\n`]);
        await rename(manifestTemp, join(dir, MANIFEST_FILE));
        await syncAndClose(dir);
        await removeUnreferenced(dir);
        return manifest;
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
    },
  };
}
