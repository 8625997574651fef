import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CodedError } from '@movierec/functions/core';
import { quote } from './fields.js';

export type ByteProgress = (done: number, total: number | null) => void;

export interface HttpOptions {
  fetchImpl: typeof fetch;
  /** A request that receives nothing for this long is aborted: a stalled server, not a slow one. */
  idleTimeoutMs: number;
  /** Appended to "cannot reach" errors: how to do without the network. */
  offlineHint: string;
}

export type HashAlgorithm = 'md5' | 'sha256';

export interface DownloadOptions extends HttpOptions {
  /** The hash computed while the bytes stream in (GroupLens publishes md5s, the TMDB snapshot sha256s). */
  algorithm: HashAlgorithm;
  /** When set, a download with another digest is discarded. */
  expectedDigest: string | null;
  /**
   * Keep (and hash) only the file's first this many bytes: asked for with a Range header, and cut
   * there should the server send the whole file anyway.
   */
  firstBytes?: number;
  onProgress?: ByteProgress;
}

/**
 * Streams `url` to `<dest>.part` and renames it to `dest` only once complete and verified, so an
 * interrupted or corrupt download never looks like a finished one. Returns the digest of the bytes.
 */
export async function downloadFile(url: string, dest: string, options: DownloadOptions): Promise<{ digest: string }> {
  const part = `${dest}.part`;
  await mkdir(dirname(dest), { recursive: true });
  const idle = idleAbort(options.idleTimeoutMs);
  try {
    const { firstBytes } = options;
    const range = firstBytes === undefined ? undefined : `bytes=0-${firstBytes - 1}`;
    const response = await request(url, options, idle, range);
    if (!response.ok || !response.body) throw httpError(url, response.status, options.offlineHint);
    const total = firstBytes ?? (Number(response.headers.get('content-length')) || null);
    const hash = createHash(options.algorithm);
    let done = 0;
    const tap = async function* (chunks: AsyncIterable<Uint8Array>) {
      for await (const whole of chunks) {
        idle.touch();
        const chunk = firstBytes === undefined ? whole : whole.subarray(0, firstBytes - done);
        hash.update(chunk);
        done += chunk.length;
        options.onProgress?.(done, total);
        yield chunk;
        if (done === firstBytes) return;
      }
    };
    await pipeline(response.body, tap, createWriteStream(part));
    const digest = hash.digest('hex');
    checkDigest(url, options.algorithm, digest, options.expectedDigest);
    await rename(part, dest);
    return { digest };
  } catch (err) {
    await rm(part, { force: true });
    throw unreachable(url, err, idle.fired(), options);
  } finally {
    idle.stop();
  }
}

function checkDigest(url: string, algorithm: HashAlgorithm, actual: string, expected: string | null): void {
  if (expected !== null && actual !== expected) {
    const detail = `${algorithm} mismatch (expected ${expected}, got ${actual}); the download was discarded, try again`;
    throw new CodedError('unprocessable', `${url}: ${detail}`);
  }
}

/** The md5 published at `<url>.md5`, or null when there is none (404). */
export async function fetchPublishedMd5(url: string, options: HttpOptions): Promise<string | null> {
  const md5Url = `${url}.md5`;
  const idle = idleAbort(options.idleTimeoutMs);
  try {
    const response = await request(md5Url, options, idle);
    if (response.status === 404) return null;
    if (!response.ok) throw httpError(md5Url, response.status, options.offlineHint);
    const text = await response.text();
    // GroupLens writes "MD5 (ml-32m.zip) = <hex>"; md5sum writes "<hex>  file". Both hold one hash.
    const match = /\b[0-9a-f]{32}\b/i.exec(text);
    if (!match) throw new CodedError('unprocessable', `${md5Url}: no md5 in ${quote(text.trim())}`);
    return match[0].toLowerCase();
  } catch (err) {
    throw unreachable(md5Url, err, idle.fired(), options);
  } finally {
    idle.stop();
  }
}

export async function hashFile(path: string, algorithm: HashAlgorithm, onProgress?: ByteProgress): Promise<string> {
  const hash = createHash(algorithm);
  let done = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    done += (chunk as Buffer).length;
    onProgress?.(done, null);
  }
  return hash.digest('hex');
}

interface IdleAbort {
  signal: AbortSignal;
  touch(): void;
  stop(): void;
  fired(): boolean;
}

function idleAbort(ms: number): IdleAbort {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), ms);
  };
  touch();
  return { signal: controller.signal, touch, stop: () => clearTimeout(timer), fired: () => controller.signal.aborted };
}

async function request(url: string, options: HttpOptions, idle: IdleAbort, range?: string): Promise<Response> {
  const headers = range ? { range } : undefined;
  const response = await options.fetchImpl(url, { signal: idle.signal, redirect: 'follow', headers });
  idle.touch();
  return response;
}

function httpError(url: string, status: number, hint: string): CodedError {
  return new CodedError('unavailable', `cannot download ${url}: HTTP ${status}. To use a local copy, ${hint}`);
}

/** Network failures become 'unavailable' with the offline hint; our own errors pass through. */
function unreachable(url: string, err: unknown, timedOut: boolean, options: HttpOptions): unknown {
  if (err instanceof CodedError) return err;
  const why = timedOut ? `no data for ${options.idleTimeoutMs / 1000} s` : networkReason(err);
  return new CodedError('unavailable', `cannot reach ${url} (${why}). To use a local copy, ${options.offlineHint}`, {
    cause: err,
  });
}

/** fetch() says only "fetch failed"; the useful part (ECONNREFUSED, ENOTFOUND) is in its cause. */
function networkReason(err: unknown): string {
  const cause = err instanceof Error ? err.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  if (cause instanceof Error) return cause.message;
  return err instanceof Error ? err.message : String(err);
}
