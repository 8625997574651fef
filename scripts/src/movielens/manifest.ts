import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DatasetLayout } from './layout.js';
import type { MovieLensFormat, MovieLensVariant, RowCounts } from './types.js';

/** Size and modification time: enough to notice a replaced or edited file without reading it. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export interface ZipRecord extends FileStamp {
  path: string;
  md5: string | null;
}

/** What a verification found, so a re-run over the same files can skip the counting pass. */
export interface Manifest {
  version: 1;
  variant: MovieLensVariant;
  format: MovieLensFormat;
  dir: string;
  counts: RowCounts;
  /** Keyed by absolute path. */
  files: Record<string, FileStamp>;
  /** The zip the files were extracted from, if any. */
  zip: ZipRecord | null;
  writtenAt: string;
}

export async function stampOf(path: string): Promise<FileStamp> {
  const s = await stat(path);
  return { size: s.size, mtimeMs: s.mtimeMs };
}

export async function stampFiles(layout: DatasetLayout): Promise<Record<string, FileStamp>> {
  const paths = [layout.files.movies, layout.files.ratings, layout.files.links, layout.genreOrder];
  const stamps: Record<string, FileStamp> = {};
  for (const path of paths) if (path !== null) stamps[path] = await stampOf(path);
  return stamps;
}

export function sameStamp(a: FileStamp | null | undefined, b: FileStamp | null | undefined): boolean {
  return !!a && !!b && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** True when the manifest lists exactly these files and none changed since. */
export function sameFiles(manifest: Manifest, files: Record<string, FileStamp>): boolean {
  const paths = Object.keys(files);
  return (
    paths.length === Object.keys(manifest.files).length && paths.every((p) => sameStamp(manifest.files[p], files[p]))
  );
}

/** The files the manifest lists, stamped now; null when one is gone. */
export async function restamp(manifest: Manifest): Promise<Record<string, FileStamp> | null> {
  const stamps: Record<string, FileStamp> = {};
  for (const path of Object.keys(manifest.files)) {
    const stamp = await stampOf(path).catch(() => null);
    if (!stamp) return null;
    stamps[path] = stamp;
  }
  return stamps;
}

/** A missing, unreadable or older-version manifest just means "count again". */
export async function readManifest(path: string): Promise<Manifest | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<Manifest>;
    return parsed.version === 1 && parsed.files && parsed.counts ? (parsed as Manifest) : null;
  } catch {
    return null;
  }
}

/** Written through a temporary file so a crash never leaves a half manifest that parses. */
export async function writeManifest(path: string, manifest: Omit<Manifest, 'version' | 'writtenAt'>): Promise<void> {
  const full: Manifest = { version: 1, ...manifest, writtenAt: new Date().toISOString() };
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp`, `${JSON.stringify(full, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}
