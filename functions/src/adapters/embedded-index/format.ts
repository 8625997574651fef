/**
 * The embedded index on disk, one folder (INDEX_DIR):
 *
 *   manifest.json              {"format":"movierec-embedded-index","version":2,"dimension":128,"count":9742,
 *                               "fingerprint":"…","vectors":"vectors-<fingerprint>.f32","points":"points-<fingerprint>.jsonl"}
 *   vectors-<fingerprint>.f32  count × dimension float32, little-endian, row i = point i
 *   points-<fingerprint>.jsonl line i = point i: {"movieId":1,"tmdbId":862,"genres":["Comedy"],"year":1995,
 *                               "recommendable":true,"source":"two_tower"}
 *   graph-i8-<hash>.usearch    from GRAPH_MIN_POINTS points on: the HNSW graph over the rows (graph.ts),
 *                               named in the manifest's "graph"; <hash> is its own SHA-256 prefix; the
 *                               float32 graphs of the first release (graph-<hash>.usearch) still load
 *
 * The manifest is the commit point: a writer adds the data files under new names, then renames a new
 * manifest over the old one, so a reader sees the old index or the new one, never a mix. The
 * fingerprint is a hash of both data files; the reader checks it, so a damaged file is refused.
 */
import { createHash, type Hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DataFileError } from '../../core/errors.js';
import type { EmbeddingSource, MoviePoint } from '../../core/recommendations/vector-index.port.js';

export const MANIFEST_FILE = 'manifest.json';
export const FORMAT = 'movierec-embedded-index';
/** 2 added `recommendable` to the points; an index of version 1 is rebuilt by load-embeddings. */
export const FORMAT_VERSION = 2;
export const FLOAT_BYTES = 4;

const dataFileName = /^(vectors-[0-9a-f]{16}\.f32|points-[0-9a-f]{16}\.jsonl|graph-(i8-)?[0-9a-f]{16}\.usearch)$/;

const manifestSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(FORMAT_VERSION),
  dimension: z.number().int().positive(),
  count: z.number().int().nonnegative(),
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  vectors: z.string().regex(dataFileName),
  points: z.string().regex(dataFileName),
  /** Absent below GRAPH_MIN_POINTS: small catalogs are scanned exactly. */
  graph: z
    .string()
    .regex(/^graph-(i8-)?[0-9a-f]{16}\.usearch$/)
    .optional(),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** A point's payload as one line of the points file. */
const payloadSchema = z.object({
  movieId: z
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
  tmdbId: z.number().int().nullable(),
  genres: z.array(z.string()),
  year: z.number().int().nullable(),
  recommendable: z.boolean(),
  source: z.enum(['two_tower', 'content_only'] satisfies EmbeddingSource[]),
});
export type PointPayload = z.infer<typeof payloadSchema>;

export const isDataFile = (name: string) => dataFileName.test(name);
export const vectorsFileName = (fingerprint: string) => `vectors-${fingerprint}.f32`;
export const pointsFileName = (fingerprint: string) => `points-${fingerprint}.jsonl`;
/** How a graph stores its vectors: i8 since the second release (its name says so), float32 before. */
export type GraphScalar = 'i8' | 'f32';
export const graphFileName = (hash: string) => `graph-i8-${hash}.usearch`;
export const graphScalarOf = (name: string): GraphScalar => (name.startsWith('graph-i8-') ? 'i8' : 'f32');
/** The hash a graph file's name carries (the 16 hex digits before the extension). */
export const graphHashOf = (name: string) => name.slice(-'.usearch'.length - 16, -'.usearch'.length);

export function payloadLine(point: Omit<MoviePoint, 'vector'>): string {
  const { movieId, tmdbId, genres, year, recommendable, source } = point;
  return JSON.stringify({ movieId, tmdbId, genres, year, recommendable, source } satisfies PointPayload);
}

/** Parses line `lineNumber` (1-based) of the points file. */
export function parsePayloadLine(line: string, file: string, lineNumber: number): PointPayload {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new DataFileError(file, lineNumber, 'not valid JSON');
  }
  const parsed = payloadSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataFileError(file, lineNumber, `${issue?.path.join('.') || 'point'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** An index written by an older version of the format: readable by nobody, replaced by the next load. */
export class OutdatedIndexError extends DataFileError {
  constructor(file: string, version: number) {
    super(
      file,
      null,
      `format version ${version}, this version reads ${FORMAT_VERSION}: rebuild it with \`npm run cli -- load-embeddings --force\``,
    );
  }
}

/** True when `dir` holds a published index (its manifest). */
export function embeddedIndexExists(dir: string): boolean {
  return existsSync(join(dir, MANIFEST_FILE));
}

/** Reads and validates `<dir>/manifest.json`; a missing or malformed one is a DataFileError. */
export async function readManifest(dir: string): Promise<Manifest> {
  const file = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf-8');
  } catch (error) {
    const detail =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'missing: no embedded index has been written here'
        : String(error);
    throw new DataFileError(file, null, detail);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DataFileError(file, null, 'not valid JSON');
  }
  const version = (value as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version < FORMAT_VERSION) throw new OutdatedIndexError(file, version);
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataFileError(file, null, `${issue?.path.join('.') || 'manifest'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** The fingerprint hash: format, shape, then the vectors file's bytes and the points file's bytes. */
export function fingerprintHash(dimension: number, count: number): Hash {
  return createHash('sha256').update(`${FORMAT}/${FORMAT_VERSION} dimension=${dimension} count=${count}\n`);
}

export const fingerprintOf = (hash: Hash) => hash.digest('hex').slice(0, 16);
