import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodedError, DataFileError } from '../../core/errors.js';
import { dailyExportFileName, dailyMovieIds } from './daily-export.js';
import { type FakeTmdbServer, startFakeTmdbServer } from './fake-tmdb-server.js';

const DATE = new Date('2024-05-07T10:00:00Z');
const LINES = Array.from({ length: 5000 }, (_, i) =>
  JSON.stringify({
    adult: i % 100 === 0,
    id: i + 2,
    original_title: `Film ${i} — “ünïcode”`,
    popularity: i / 10,
    video: false,
  }),
);

let server: FakeTmdbServer;
beforeAll(async () => {
  server = await startFakeTmdbServer();
});
afterAll(() => server.close());

/** Serves `body` for the export of DATE, written in small chunks so the client really streams. */
function serve(body: Buffer, status = 200): void {
  server.setHandler(async (req, res) => {
    if (req.url.pathname !== `/p/exports/${dailyExportFileName(DATE)}`) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/octet-stream' });
    for (let i = 0; i < body.length; i += 4096) {
      res.write(body.subarray(i, i + 4096));
      await new Promise((resolve) => setImmediate(resolve));
    }
    res.end();
  });
}

async function collect(iterable: AsyncIterable<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const baseUrl = () => `${server.origin}/p/exports`;

describe('dailyMovieIds', () => {
  it('names the file by UTC date', () => {
    expect(dailyExportFileName(DATE)).toBe('movie_ids_05_07_2024.json.gz');
    expect(dailyExportFileName(new Date('2024-12-31T23:30:00-05:00'))).toBe('movie_ids_01_01_2025.json.gz');
  });

  it('streams and gunzips the export, one movie per line', async () => {
    serve(gzipSync(LINES.join('\n') + '\n'));
    const movies = await collect(dailyMovieIds(DATE, { baseUrl: baseUrl() }));
    expect(movies).toHaveLength(5000);
    expect(movies[0]).toEqual({
      tmdbId: 2,
      originalTitle: 'Film 0 — “ünïcode”',
      popularity: 0,
      adult: true,
      video: false,
    });
    expect(movies[4999]).toMatchObject({ tmdbId: 5001, popularity: 499.9 });
  });

  it('accepts a body that is already decompressed', async () => {
    serve(Buffer.from(LINES.slice(0, 3).join('\n')));
    expect(await collect(dailyMovieIds(DATE, { baseUrl: baseUrl() }))).toHaveLength(3);
  });

  it('lets the caller stop early', async () => {
    serve(gzipSync(LINES.join('\n')));
    const first: unknown[] = [];
    for await (const movie of dailyMovieIds(DATE, { baseUrl: baseUrl() })) {
      first.push(movie);
      if (first.length === 10) break;
    }
    expect(first).toHaveLength(10);
  });

  it('reports a malformed line with its line number', async () => {
    serve(gzipSync([LINES[0], LINES[1], '{"id": "x"}'].join('\n')));
    const error = await collect(dailyMovieIds(DATE, { baseUrl: baseUrl() })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as DataFileError).line).toBe(3);
    expect((error as Error).message).toMatch(/^movie_ids_05_07_2024\.json\.gz:3: unexpected shape: id/);
  });

  it('reports a corrupt gzip stream as unavailable', async () => {
    serve(gzipSync(LINES.join('\n')).subarray(0, 2000));
    const error = await collect(dailyMovieIds(DATE, { baseUrl: baseUrl() })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CodedError);
    expect((error as CodedError).code).toBe('unavailable');
  });

  it('maps a day without an export to not_found', async () => {
    serve(Buffer.from(''));
    const error = await collect(dailyMovieIds(new Date('2020-01-01'), { baseUrl: baseUrl() })).catch((e: unknown) => e);
    expect((error as CodedError).code).toBe('not_found');
    expect((error as Error).message).toContain('movie_ids_01_01_2020.json.gz');
  });
});
