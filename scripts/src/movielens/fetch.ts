import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CodedError } from '@movierec/functions/core';
import { type Acquired, acquireZip, type Checksum } from './acquire.js';
import { datasetOf, requireLayout } from './dataset.js';
import { detectLayout, EXPECTED_FILES, isDirectory } from './layout.js';
import {
  readManifest,
  restamp,
  sameFiles,
  sameStamp,
  stampFiles,
  stampOf,
  writeManifest,
  type ZipRecord,
} from './manifest.js';
import type { MovieLensDataset, MovieLensVariant, RowCounts } from './types.js';
import { VARIANTS } from './variants.js';
import { checkKnownCounts, countRecords } from './verify.js';
import { extractZip } from './zip.js';

export interface FetchProgress {
  /** checksum/download/extract count bytes; count counts ratings. */
  phase: 'checksum' | 'download' | 'extract' | 'count';
  done: number;
  total: number | null;
}

export interface FetchMovieLensOptions {
  variant: MovieLensVariant;
  /** Undefined for the official GroupLens zip; else an http(s) URL of a zip, a folder, or a .zip file. */
  source?: string;
  /** Downloads go to `<dataDir>/downloads/`, extracted files and manifests to `<dataDir>/movielens/`. */
  dataDir: string;
  /** Fail when a release with known counts (all but ml-latest) does not have them. */
  verifyCounts: boolean;
  onProgress?: (progress: FetchProgress) => void;
  fetchImpl?: typeof fetch;
  /** Abort a request that receives nothing for this long; defaults to 30 s. */
  idleTimeoutMs?: number;
}

export interface FetchMovieLensResult {
  dataset: MovieLensDataset;
  /** The URL, zip file or folder the data came from. */
  from: string;
  /** True when a manifest showed the files unchanged, so they were not counted again. */
  cached: boolean;
  downloaded: boolean;
  counts: RowCounts;
  checksum?: Checksum;
}

/** Gets a MovieLens release onto local disk, verified, from the network, a zip or a folder. */
export async function fetchMovieLens(options: FetchMovieLensOptions): Promise<FetchMovieLensResult> {
  const { source } = options;
  if (source === undefined) return fromUrl(options, VARIANTS[options.variant].url);
  if (/^https?:\/\//i.test(source)) return fromUrl(options, source);
  const path = resolve(source);
  const kind = await stat(path).catch(() => null);
  if (!kind) throw new CodedError('invalid_input', `${source}: no such file or folder`);
  if (kind.isDirectory()) return fromFolder(options, path);
  if (kind.isFile() && /\.zip$/i.test(path)) return fromZip(options, path, path, { downloaded: false });
  throw new CodedError('invalid_input', `${source}: not a folder or a .zip file`);
}

/** How to do without the network; the CLI reads MOVIELENS_SOURCE and --source. */
export function offlineHint(variant: MovieLensVariant): string {
  return `set MOVIELENS_SOURCE=/path/to/${variant} (folder or .zip) or pass --source`;
}

async function fromUrl(options: FetchMovieLensOptions, url: string): Promise<FetchMovieLensResult> {
  const { variant } = options;
  const zip = join(resolve(options.dataDir), 'downloads', `${variant}.zip`);
  const acquired = await acquireZip(url, zip, {
    fetchImpl: options.fetchImpl ?? fetch,
    idleTimeoutMs: options.idleTimeoutMs ?? 30_000,
    offlineHint: offlineHint(variant),
    md5Required: url === VARIANTS[variant].url && VARIANTS[variant].md5Published,
    onChecksum: reporter(options, 'checksum'),
    onDownload: reporter(options, 'download'),
  });
  return fromZip(options, zip, url, acquired);
}

async function fromZip(
  options: FetchMovieLensOptions,
  zipPath: string,
  from: string,
  acquired: Acquired,
): Promise<FetchMovieLensResult> {
  const dest = join(resolve(options.dataDir), 'movielens', options.variant);
  const manifestPath = join(dest, 'manifest.json');
  const zip: ZipRecord = { path: zipPath, ...(await stampOf(zipPath)), md5: acquired.checksum?.md5 ?? null };
  if (!(await extractedFrom(manifestPath, zip))) await extractZip(zipPath, dest, reporter(options, 'extract'));
  const dir = await dataFolder(dest, options.variant);
  return verified(options, { dir, manifestPath, zip, from, ...acquired });
}

/** Extraction can be skipped when the manifest says these files came from this very zip and are unchanged. */
async function extractedFrom(manifestPath: string, zip: ZipRecord): Promise<boolean> {
  const previous = await readManifest(manifestPath);
  if (!previous?.zip || previous.zip.path !== zip.path || !sameStamp(previous.zip, zip)) return false;
  const files = await restamp(previous);
  return files !== null && sameFiles(previous, files);
}

/** Folders are read in place; their manifest lives under dataDir since the folder may be read-only. */
async function fromFolder(options: FetchMovieLensOptions, path: string): Promise<FetchMovieLensResult> {
  const dir = await dataFolder(path, options.variant);
  const manifestPath = join(resolve(options.dataDir), 'movielens', `${options.variant}.manifest.json`);
  return verified(options, { dir, manifestPath, zip: null, from: dir, downloaded: false });
}

/** `path` itself when it holds the files, else its `<variant>/` subfolder (a folder of datasets). */
async function dataFolder(path: string, variant: MovieLensVariant): Promise<string> {
  const { format, zipFolder } = VARIANTS[variant];
  if (await detectLayout(path, format)) return path;
  const nested = join(path, zipFolder);
  if ((await isDirectory(nested)) && (await detectLayout(nested, format))) return nested;
  const detail = `no MovieLens files here or in ${nested} (expected ${EXPECTED_FILES})`;
  throw new CodedError('invalid_input', `${path}: ${detail}`);
}

interface Located extends Acquired {
  dir: string;
  manifestPath: string;
  zip: ZipRecord | null;
  from: string;
}

/** Counts the files, unless the manifest already did for these very files, then checks the counts. */
async function verified(options: FetchMovieLensOptions, at: Located): Promise<FetchMovieLensResult> {
  const { variant } = options;
  const layout = await requireLayout(at.dir, variant);
  const files = await stampFiles(layout);
  const previous = await readManifest(at.manifestPath);
  const cached =
    previous !== null &&
    previous.variant === variant &&
    previous.dir === at.dir &&
    sameFiles(previous, files) &&
    (at.zip === null || sameStamp(previous.zip, at.zip));
  const total = VARIANTS[variant].counts?.ratings ?? null;
  const onCount = (done: number) => options.onProgress?.({ phase: 'count', done, total });
  const counts = cached ? previous.counts : await countRecords(layout, onCount);
  if (!cached) {
    await writeManifest(at.manifestPath, { variant, format: layout.format, dir: at.dir, counts, files, zip: at.zip });
  }
  if (options.verifyCounts) checkKnownCounts(variant, counts, at.from);
  const dataset = datasetOf(variant, at.dir, layout, counts);
  return { dataset, from: at.from, cached, downloaded: at.downloaded, counts, checksum: at.checksum };
}

function reporter(options: FetchMovieLensOptions, phase: FetchProgress['phase']) {
  return (done: number, total: number | null) => options.onProgress?.({ phase, done, total });
}
