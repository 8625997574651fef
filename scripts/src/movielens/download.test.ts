import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FetchMovieLensOptions, type FetchProgress, fetchMovieLens } from './fetch.js';
import { csvFiles, removeTempDirs, tempDir, writeZip } from './fixtures.test-helper.js';
import { closedPort, type Route, serve, type TestServer } from './server.test-helper.js';

const OFFLINE_HINT = 'set MOVIELENS_SOURCE=/path/to/ml-latest-small (folder or .zip) or pass --source';
const OFFICIAL = 'https://files.grouplens.org/datasets/movielens';

let zipBytes: Buffer;
let zipMd5: string;
let server: TestServer | undefined;

beforeAll(async () => {
  const zip = await writeZip(join(await tempDir(), 'ml-latest-small.zip'), csvFiles(), 'ml-latest-small');
  zipBytes = await readFile(zip);
  zipMd5 = createHash('md5').update(zipBytes).digest('hex');
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(removeTempDirs);

/** Serves the fixture zip at /ml-latest-small.zip, with `md5` (a 404 when undefined). */
async function serveZip(md5?: string, extra: Record<string, Route> = {}): Promise<string> {
  const routes: Record<string, Route> = { '/ml-latest-small.zip': { body: zipBytes }, ...extra };
  if (md5 !== undefined) routes['/ml-latest-small.zip.md5'] = { body: `MD5 (ml-latest-small.zip) = ${md5}\n` };
  server = await serve(routes);
  return `${server.base}/ml-latest-small.zip`;
}

async function download(options: Partial<FetchMovieLensOptions> & { dataDir: string }) {
  const progress: FetchProgress[] = [];
  const result = await fetchMovieLens({
    variant: 'ml-latest-small',
    verifyCounts: false,
    onProgress: (p) => progress.push(p),
    ...options,
  });
  return { ...result, progress };
}

describe('fetchMovieLens over http', () => {
  it('downloads, verifies the published md5, reports progress and extracts', async () => {
    const source = await serveZip(zipMd5);
    const dataDir = await tempDir();
    const result = await download({ source, dataDir });
    expect(result).toMatchObject({
      from: source,
      downloaded: true,
      cached: false,
      checksum: { md5: zipMd5, verified: true },
    });
    const downloads = result.progress.filter((p) => p.phase === 'download');
    expect(downloads.at(-1)).toEqual({ phase: 'download', done: zipBytes.length, total: zipBytes.length });
    expect(await readdir(join(dataDir, 'downloads'))).toEqual(['ml-latest-small.zip']);
    expect(result.counts).toEqual({ movies: 5, ratings: 5, users: 3, links: 4 });
  });

  it('keeps a downloaded zip that still matches the md5, and uses it offline', async () => {
    const source = await serveZip(zipMd5);
    const dataDir = await tempDir();
    await download({ source, dataDir });
    const again = await download({ source, dataDir });
    expect(again).toMatchObject({ downloaded: false, cached: true, checksum: { md5: zipMd5, verified: true } });
    expect(server?.hits('/ml-latest-small.zip')).toBe(1);
    const offline = await download({ source, dataDir, fetchImpl: () => Promise.reject(new TypeError('fetch failed')) });
    expect(offline).toMatchObject({ downloaded: false, cached: true });
  });

  it('discards a download whose md5 does not match, leaving no zip or .part behind', async () => {
    const source = await serveZip('0'.repeat(32));
    const dataDir = await tempDir();
    await expect(download({ source, dataDir })).rejects.toMatchObject({
      code: 'unprocessable',
      message: `${source}: md5 mismatch (expected ${'0'.repeat(32)}, got ${zipMd5}); the download was discarded, try again`,
    });
    expect(await readdir(join(dataDir, 'downloads'))).toEqual([]);
  });

  it('accepts a zip without a published md5 (404)', async () => {
    const result = await download({ source: await serveZip(), dataDir: await tempDir() });
    expect(result).toMatchObject({ downloaded: true, checksum: { md5: zipMd5, verified: false } });
  });

  it('downloads the official GroupLens URL when no source is given', async () => {
    const base = await serveZip(zipMd5);
    const requested: string[] = [];
    const fetchImpl: typeof fetch = (input, init) => {
      requested.push(String(input));
      return fetch(String(input).replace(OFFICIAL, base.replace('/ml-latest-small.zip', '')), init);
    };
    const result = await download({ dataDir: await tempDir(), fetchImpl });
    expect(result.from).toBe(`${OFFICIAL}/ml-latest-small.zip`);
    expect(requested).toEqual([`${OFFICIAL}/ml-latest-small.zip.md5`, `${OFFICIAL}/ml-latest-small.zip`]);
  });

  it('requires the md5 GroupLens publishes for the official URL', async () => {
    const base = (await serveZip()).replace('/ml-latest-small.zip', '');
    const fetchImpl: typeof fetch = (input, init) => fetch(String(input).replace(OFFICIAL, base), init);
    await expect(download({ dataDir: await tempDir(), fetchImpl })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining(`${OFFICIAL}/ml-latest-small.zip.md5 is missing`),
    });
  });
});

describe('fetchMovieLens without a reachable server', () => {
  it('explains how to use a local copy when the connection is refused', async () => {
    const source = `http://127.0.0.1:${await closedPort()}/ml-latest-small.zip`;
    await expect(download({ source, dataDir: await tempDir() })).rejects.toMatchObject({
      code: 'unavailable',
      message: `cannot reach ${source}.md5 (ECONNREFUSED). To use a local copy, ${OFFLINE_HINT}`,
    });
  });

  it('explains the same on a DNS failure of the official URL', async () => {
    const fetchImpl = () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } }));
    await expect(download({ dataDir: await tempDir(), fetchImpl })).rejects.toMatchObject({
      code: 'unavailable',
      message: `cannot reach ${OFFICIAL}/ml-latest-small.zip.md5 (ENOTFOUND). To use a local copy, ${OFFLINE_HINT}`,
    });
  });

  it('reports an HTTP error on the zip', async () => {
    const source = await serveZip(undefined, { '/ml-latest-small.zip': { status: 500, body: 'oops' } });
    await expect(download({ source, dataDir: await tempDir() })).rejects.toMatchObject({
      code: 'unavailable',
      message: `cannot download ${source}: HTTP 500. To use a local copy, ${OFFLINE_HINT}`,
    });
  });

  it('abandons a download that stalls halfway, leaving no zip or .part behind', async () => {
    const source = await serveZip(undefined, { '/ml-latest-small.zip': { body: zipBytes, stallAfter: 100 } });
    const dataDir = await tempDir();
    await expect(download({ source, dataDir, idleTimeoutMs: 200 })).rejects.toMatchObject({
      code: 'unavailable',
      message: `cannot reach ${source} (no data for 0.2 s). To use a local copy, ${OFFLINE_HINT}`,
    });
    expect(await readdir(join(dataDir, 'downloads'))).toEqual([]);
  });

  it('gives up on a server that stops answering', async () => {
    const source = await serveZip(undefined, { '/ml-latest-small.zip.md5': { hang: true } });
    await expect(download({ source, dataDir: await tempDir(), idleTimeoutMs: 200 })).rejects.toMatchObject({
      code: 'unavailable',
      message: `cannot reach ${source}.md5 (no data for 0.2 s). To use a local copy, ${OFFLINE_HINT}`,
    });
  });
});
