import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type Entry, openPromise, type ZipFile } from 'yauzl';
import { CodedError } from '@movierec/functions/core';
import { quote } from './fields.js';

export type ExtractProgress = (done: number, total: number) => void;

/**
 * Extracts the regular files of `zipPath` into `dest`, replacing what was there. A single top
 * folder shared by every file ("ml-latest-small/ratings.csv") is dropped, so the files always land
 * directly in `dest`. Every name is checked before anything is written: a zip cannot write outside
 * `dest` (zip-slip). Extraction goes to a sibling folder renamed at the end, so an interrupted run
 * never leaves a half-filled `dest`.
 */
export async function extractZip(zipPath: string, dest: string, onProgress?: ExtractProgress): Promise<void> {
  const zip = await openPromise(zipPath, { autoClose: false }).catch((err: unknown) => {
    throw zipError(zipPath, err);
  });
  const partial = `${dest}.partial`;
  try {
    const entries = await regularFiles(zip, zipPath);
    const prefix = commonTopFolder(entries.map((e) => e.fileName));
    const targets = entries.map((entry) => ({ entry, target: safeTarget(partial, entry.fileName, prefix, zipPath) }));
    await rm(partial, { recursive: true, force: true });
    await writeEntries(zip, targets, onProgress);
    await rm(dest, { recursive: true, force: true });
    await rename(partial, dest);
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    throw zipError(zipPath, err);
  } finally {
    zip.close();
  }
}

async function writeEntries(
  zip: ZipFile,
  targets: { entry: Entry; target: string }[],
  onProgress?: ExtractProgress,
): Promise<void> {
  const total = targets.reduce((sum, { entry }) => sum + entry.uncompressedSize, 0);
  let done = 0;
  for (const { entry, target } of targets) {
    await mkdir(dirname(target), { recursive: true });
    const input = await zip.openReadStreamPromise(entry);
    const count = async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        done += chunk.length;
        onProgress?.(done, total);
        yield chunk;
      }
    };
    await pipeline(input, count, createWriteStream(target));
  }
}

/** Directories are implied by file paths; symlinks and devices could point anywhere, so they are skipped. */
async function regularFiles(zip: ZipFile, zipPath: string): Promise<Entry[]> {
  const files: Entry[] = [];
  for await (const entry of zip.eachEntry()) {
    // macOS adds resource forks under __MACOSX/; they are not data and would defeat commonTopFolder.
    if (entry.fileName.startsWith('__MACOSX/') || !isRegularFile(entry)) continue;
    files.push(entry);
  }
  if (files.length === 0) throw new CodedError('invalid_input', `${zipPath}: the zip holds no files`);
  return files;
}

function isRegularFile(entry: Entry): boolean {
  if (entry.fileName.endsWith('/')) return false;
  // Unix zips keep st_mode in the high 16 bits; zips from elsewhere leave them 0.
  const type = (entry.externalFileAttributes >>> 16) & 0o170000;
  return type === 0 || type === 0o100000;
}

/** "top/" when every name starts with the same folder, else "". */
export function commonTopFolder(names: string[]): string {
  const top = names[0]?.split('/')[0];
  if (top === undefined || names.some((name) => !name.startsWith(`${top}/`))) return '';
  return `${top}/`;
}

/**
 * Where an entry goes under `root`, or an error when its name would escape it. yauzl already
 * rejects ".." and absolute names; this guard stays in case that ever changes.
 */
export function safeTarget(root: string, name: string, prefix: string, zipPath: string): string {
  const relative = name.slice(prefix.length);
  const target = resolve(root, relative);
  if (relative === '' || relative.includes('\\') || isAbsolute(relative) || !target.startsWith(root + sep)) {
    throw new CodedError('invalid_input', `${zipPath}: unsafe path in zip: ${quote(name)}`);
  }
  return target;
}

function zipError(zipPath: string, err: unknown): CodedError {
  if (err instanceof CodedError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new CodedError('invalid_input', `${zipPath}: cannot extract zip: ${detail}`, { cause: err });
}
