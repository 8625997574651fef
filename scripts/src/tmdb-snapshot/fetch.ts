/**
 * `$DATA_DIR/tmdb-snapshot/`: the offline TMDB snapshot, downloaded from its public copies at pinned
 * commits and verified by sha256, for when TMDB_SNAPSHOT names no local copy. Each file appears
 * under its final name only once complete and verified; a file already there and verified is kept.
 */
import { readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CodedError } from '@movierec/functions/core';
import { downloadFile, hashFile, type HttpOptions } from '../movielens/download.js';
import { isFile } from '../movielens/layout.js';
import { extractZip } from '../movielens/zip.js';
import { SNAPSHOT_SOURCES, type SnapshotSource, sourceUrl } from './sources.js';

export const SNAPSHOT_FOLDER = 'tmdb-snapshot';

export interface FetchTmdbSnapshotOptions {
  dataDir: string;
  /** Serves `<owner>/<repo>/<commit>/<path>` (GitHub's raw host; a local server in tests). */
  baseUrl: string;
  /** Defaults to the published snapshot files. */
  sources?: readonly SnapshotSource[];
  fetchImpl?: typeof fetch;
  /** Abort a request that receives nothing for this long; defaults to 30 s. */
  idleTimeoutMs?: number;
  /** Bytes of the file being downloaded, named by its file name. */
  onProgress?: (file: string, done: number, total: number) => void;
  /** Something worth telling a person that is not an error (a corrupt file being replaced). */
  onNotice?: (message: string) => void;
}

export interface FetchTmdbSnapshotResult {
  /** The snapshot folder, to read with loadTmdbSnapshot. */
  dir: string;
  /** Paths below `dir` downloaded by this run; the others were there and verified. */
  downloaded: string[];
}

/** How to do without the network: a local copy of the folder with these files. */
export function snapshotOfflineHint(sources: readonly SnapshotSource[] = SNAPSHOT_SOURCES): string {
  return `set TMDB_SNAPSHOT to a folder holding ${sources.map((s) => basename(s.path)).join(', ')} (in it or its subfolders)`;
}

export async function fetchTmdbSnapshot(options: FetchTmdbSnapshotOptions): Promise<FetchTmdbSnapshotResult> {
  const sources = options.sources ?? SNAPSHOT_SOURCES;
  const dir = join(resolve(options.dataDir), SNAPSHOT_FOLDER);
  const downloaded: string[] = [];
  for (const source of sources) {
    if (await ensureFile(dir, source, sources, options)) downloaded.push(source.path);
  }
  return { dir, downloaded };
}

/** Makes `<dir>/<source.path>` the verified file; true when it had to be downloaded. */
async function ensureFile(
  dir: string,
  source: SnapshotSource,
  sources: readonly SnapshotSource[],
  options: FetchTmdbSnapshotOptions,
): Promise<boolean> {
  const dest = join(dir, source.path);
  if (await isFile(dest)) {
    const digest = await hashFile(dest, 'sha256');
    if (digest === source.sha256) return false;
    options.onNotice?.(`${dest}: sha256 ${digest}, expected ${source.sha256}: refused, downloading it again`);
    await rm(dest);
  }
  const name = basename(dest);
  const http: HttpOptions & { onProgress: (done: number, total: number | null) => void } = {
    fetchImpl: options.fetchImpl ?? fetch,
    idleTimeoutMs: options.idleTimeoutMs ?? 30_000,
    offlineHint: snapshotOfflineHint(sources),
    onProgress: (done, total) => options.onProgress?.(name, done, total ?? 0),
  };
  const url = sourceUrl(options.baseUrl, source);
  if (source.repoPath.endsWith('.zip')) await downloadZipped(url, dest, source, http);
  else
    await downloadFile(url, dest, {
      ...http,
      algorithm: 'sha256',
      expectedDigest: source.sha256,
      firstBytes: source.firstBytes,
    });
  return true;
}

/** Downloads the zip and unpacks it beside `dest`, keeping only the file, and only when it verifies. */
async function downloadZipped(url: string, dest: string, source: SnapshotSource, http: HttpOptions): Promise<void> {
  const work = join(dirname(dest), `.${basename(dest)}.download`);
  try {
    const zip = join(work, basename(source.repoPath));
    await downloadFile(url, zip, { ...http, algorithm: 'sha256', expectedDigest: null });
    const unzipped = join(work, 'unzipped');
    await extractZip(zip, unzipped);
    const file = await findIn(unzipped, basename(dest), url);
    const digest = await hashFile(file, 'sha256');
    if (digest !== source.sha256) {
      const detail = `${basename(dest)} in the zip has sha256 ${digest}, expected ${source.sha256}; nothing was kept, try again`;
      throw new CodedError('unprocessable', `${url}: ${detail}`);
    }
    await rename(file, dest);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The one file of this name anywhere below `dir` (a zip may nest it in folders). */
async function findIn(dir: string, name: string, url: string): Promise<string> {
  const matches = (await readdir(dir, { recursive: true })).filter((entry) => basename(entry) === name);
  if (matches.length !== 1 || matches[0] === undefined) {
    throw new CodedError('unprocessable', `${url}: expected one ${name} in the zip, found ${matches.length}`);
  }
  return join(dir, matches[0]);
}
