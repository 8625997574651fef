/**
 * TMDB's daily id exports: every movie id TMDB knows, one JSON object per line, gzipped, published
 * each day around 08:00 UTC and kept for about three months. No API key is needed.
 */
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CodedError, DataFileError } from '../../core/errors.js';
import { exportLineSchema } from './schemas.js';

export const TMDB_EXPORTS_BASE_URL = 'https://files.tmdb.org/p/exports';

export interface DailyExportMovie {
  tmdbId: number;
  originalTitle: string;
  popularity: number;
  adult: boolean;
  video: boolean;
}

export interface DailyMovieIdsOptions {
  fetch?: typeof globalThis.fetch;
  baseUrl?: string;
  /** Time allowed until the response starts; the download itself may take longer. */
  timeoutMs?: number;
  /** Cancels the download. */
  signal?: AbortSignal;
}

/** `movie_ids_MM_DD_YYYY.json.gz` for the UTC calendar day of `date`. */
export function dailyExportFileName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `movie_ids_${pad(date.getUTCMonth() + 1)}_${pad(date.getUTCDate())}_${date.getUTCFullYear()}.json.gz`;
}

/** Gunzips unless the bytes are already plain (a server that set Content-Encoding, which fetch undoes). */
async function* decompressed(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const all = (async function* () {
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  if (first.value[0] !== 0x1f || first.value[1] !== 0x8b) return yield* all;
  const gunzip = createGunzip();
  // pipeline destroys every stream on failure, so a broken download or bad gzip data rejects the loop below.
  pipeline(Readable.from(all), gunzip, () => {});
  yield* gunzip;
}

/** Splits a byte stream into UTF-8 lines (without the line breaks). */
async function* lines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of chunks) {
    pending += decoder.decode(chunk, { stream: true });
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    yield* parts;
  }
  pending += decoder.decode();
  if (pending !== '') yield pending;
}

/** A failure while downloading or gunzipping becomes CodedError('unavailable'). */
async function* downloadErrorsAsCoded<T>(fileName: string, source: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new CodedError('unavailable', `TMDB export ${fileName}: download failed: ${detail}`, { cause: error });
  }
}

/** Streams the export for `date` without holding it in memory (it is ~10 MB gzipped, ~1M lines). */
export async function* dailyMovieIds(date: Date, options: DailyMovieIdsOptions = {}): AsyncGenerator<DailyExportMovie> {
  const fileName = dailyExportFileName(date);
  const url = `${(options.baseUrl ?? TMDB_EXPORTS_BASE_URL).replace(/\/+$/, '')}/${fileName}`;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new Error(`no response within ${timeoutMs} ms`)), timeoutMs);
  // Aborted when the caller stops iterating early, so the rest of the download is not left open.
  const done = new AbortController();
  const signal = AbortSignal.any([timeout.signal, done.signal, ...(options.signal ? [options.signal] : [])]);
  let response: Response;
  try {
    response = await fetchImpl(url, { signal });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new CodedError('unavailable', `TMDB export ${fileName}: ${detail}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  try {
    yield* parseExport(fileName, response);
  } finally {
    done.abort();
  }
}

async function* parseExport(fileName: string, response: Response): AsyncGenerator<DailyExportMovie> {
  if (response.status === 403 || response.status === 404) {
    // files.tmdb.org answers 403 (S3) or 404 for a day it has not published or no longer keeps.
    throw new CodedError(
      'not_found',
      `TMDB export ${fileName} is not available (HTTP ${response.status}); ` +
        'exports appear daily around 08:00 UTC and are kept for about three months',
    );
  }
  if (!response.ok || !response.body) {
    throw new CodedError('unavailable', `TMDB export ${fileName}: HTTP ${response.status}`);
  }

  let lineNumber = 0;
  for await (const line of downloadErrorsAsCoded(fileName, lines(decompressed(response.body)))) {
    lineNumber++;
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new DataFileError(fileName, lineNumber, `not JSON: ${line.slice(0, 120)}`);
    }
    const parsed = exportLineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DataFileError(fileName, lineNumber, `unexpected shape: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    const { id, original_title, popularity, adult, video } = parsed.data;
    yield { tmdbId: id, originalTitle: original_title, popularity, adult, video };
  }
}
