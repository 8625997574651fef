import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadTmdbSnapshot, SNAPSHOT_FILE_NAMES } from '@movierec/functions/data-sources';
import { REAL_TMDB_SNAPSHOT, realDataPresent } from '@movierec/functions/testing';
import { removeTempDirs, tempDir, writeZip } from '../movielens/fixtures.test-helper.js';
import { closedPort, type Route, serve, type TestServer } from '../movielens/server.test-helper.js';
import { fetchTmdbSnapshot, type FetchTmdbSnapshotOptions } from './fetch.js';
import { SNAPSHOT_SOURCES, type SnapshotSource } from './sources.js';

const LINKS = 'movieId,imdbId,tmdbId\r\n1,0114709,862\r\n';
const MOVIES =
  'id,title,genre,original_language,overview,popularity,release_date,vote_average,vote_count\r\n862,Toy Story,"Animation,Comedy",en,Woody.,21.9,1995-10-30,8.0,16000';
const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** Two files as the real sources publish them: one plain, one zipped (the sha256 is the unzipped file's). */
const SOURCES: SnapshotSource[] = [
  {
    kind: 'links',
    path: 'the-movies-dataset/links.csv',
    repo: 'o/links',
    commit: 'c1',
    repoPath: 'links.csv',
    sha256: sha256(LINKS),
  },
  {
    kind: 'top10k',
    path: 'top10k/top10K-TMDB-movies.csv',
    repo: 'o/top',
    commit: 'c2',
    repoPath: 'data/top10K-TMDB-movies.csv.zip',
    sha256: sha256(MOVIES),
  },
];
const OFFLINE_HINT =
  'set TMDB_SNAPSHOT to a folder holding links.csv, top10K-TMDB-movies.csv (in it or its subfolders)';

let zipBytes: Buffer;
let server: TestServer | undefined;
beforeAll(async () => {
  zipBytes = await readFile(await writeZip(join(await tempDir(), 'top.zip'), { 'top10K-TMDB-movies.csv': MOVIES }));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(removeTempDirs);

async function serveSources(overrides: Record<string, Route> = {}): Promise<string> {
  server = await serve({
    '/o/links/c1/links.csv': { body: LINKS },
    '/o/top/c2/data/top10K-TMDB-movies.csv.zip': { body: zipBytes },
    ...overrides,
  });
  return server.base;
}

async function fetchInto(dataDir: string, baseUrl: string, extra: Partial<FetchTmdbSnapshotOptions> = {}) {
  const notices: string[] = [];
  const progress: [string, number, number][] = [];
  const result = await fetchTmdbSnapshot({
    dataDir,
    baseUrl,
    sources: SOURCES,
    onNotice: (m) => notices.push(m),
    onProgress: (file, done, total) => progress.push([file, done, total]),
    ...extra,
  });
  return { ...result, notices, progress };
}

/** Every file below `dir`, relative, sorted. */
async function listing(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('fetchTmdbSnapshot', () => {
  it('downloads and unzips every file into its folder, verified, with progress; the folder loads', async () => {
    const dataDir = await tempDir();
    const result = await fetchInto(dataDir, await serveSources());
    expect(result.dir).toBe(join(dataDir, 'tmdb-snapshot'));
    expect(result.downloaded).toEqual(['the-movies-dataset/links.csv', 'top10k/top10K-TMDB-movies.csv']);
    expect(await listing(result.dir)).toEqual(['the-movies-dataset/links.csv', 'top10k/top10K-TMDB-movies.csv']);
    expect(await readFile(join(result.dir, 'top10k/top10K-TMDB-movies.csv'), 'utf8')).toBe(MOVIES);
    expect(result.progress).toContainEqual(['links.csv', LINKS.length, LINKS.length]);
    expect(result.progress).toContainEqual(['top10K-TMDB-movies.csv', zipBytes.length, zipBytes.length]);
    const snapshot = await loadTmdbSnapshot(result.dir);
    expect(snapshot.movies.get(862)).toMatchObject({ title: 'Toy Story', imdbId: 'tt0114709' });
  });

  it('downloads nothing on a re-run with the files there and verified', async () => {
    const dataDir = await tempDir();
    const base = await serveSources();
    await fetchInto(dataDir, base);
    const again = await fetchInto(dataDir, base);
    expect(again.downloaded).toEqual([]);
    expect(again.notices).toEqual([]);
    expect(server?.hits('/o/links/c1/links.csv')).toBe(1);
    expect(server?.hits('/o/top/c2/data/top10K-TMDB-movies.csv.zip')).toBe(1);
  });

  it('refuses a corrupt local file, naming it, and downloads it again', async () => {
    const dataDir = await tempDir();
    const base = await serveSources();
    const { dir } = await fetchInto(dataDir, base);
    await writeFile(join(dir, 'the-movies-dataset/links.csv'), 'movieId,imdbId,tmdbId\r\n');
    const again = await fetchInto(dataDir, base);
    expect(again.downloaded).toEqual(['the-movies-dataset/links.csv']);
    expect(again.notices).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${join(dir, 'the-movies-dataset/links.csv')}: sha256 \\w+, expected ${SOURCES[0]?.sha256}: refused, downloading it again$`,
        ),
      ),
    ]);
    expect(await readFile(join(dir, 'the-movies-dataset/links.csv'), 'utf8')).toBe(LINKS);
  });

  it('refuses a download whose sha256 does not match, publishing nothing', async () => {
    const dataDir = await tempDir();
    const base = await serveSources({ '/o/links/c1/links.csv': { body: `${LINKS}2,0113497,8844\r\n` } });
    await expect(fetchInto(dataDir, base)).rejects.toMatchObject({
      code: 'unprocessable',
      message: expect.stringMatching(
        new RegExp(
          `^${base}/o/links/c1/links.csv: sha256 mismatch \\(expected ${SOURCES[0]?.sha256}, got \\w+\\); the download was discarded, try again$`,
        ),
      ),
    });
    expect(await listing(join(dataDir, 'tmdb-snapshot'))).toEqual([]);
  });

  it('refuses a zip whose file does not match, publishing nothing', async () => {
    const other = await readFile(
      await writeZip(join(await tempDir(), 'bad.zip'), { 'top10K-TMDB-movies.csv': `${MOVIES}\r\n` }),
    );
    const dataDir = await tempDir();
    const base = await serveSources({ '/o/top/c2/data/top10K-TMDB-movies.csv.zip': { body: other } });
    await expect(fetchInto(dataDir, base)).rejects.toMatchObject({
      code: 'unprocessable',
      message: expect.stringContaining('top10K-TMDB-movies.csv in the zip has sha256'),
    });
    expect(await listing(join(dataDir, 'tmdb-snapshot'))).toEqual(['the-movies-dataset/links.csv']);
  });

  it('keeps only the first bytes of a source published longer than the copy it pins', async () => {
    const cut: SnapshotSource = { ...SOURCES[0]!, sha256: sha256(LINKS.slice(0, 20)), firstBytes: 20 };
    const base = await serveSources();
    const result = await fetchInto(await tempDir(), base, { sources: [cut] });
    expect(await readFile(join(result.dir, 'the-movies-dataset/links.csv'), 'utf8')).toBe(LINKS.slice(0, 20));
    expect(result.progress.at(-1)).toEqual(['links.csv', 20, 20]);
    const longer: SnapshotSource = { ...cut, firstBytes: LINKS.length + 5, sha256: sha256(LINKS) };
    const again = await fetchInto(await tempDir(), base, { sources: [longer] });
    expect(await readFile(join(again.dir, 'the-movies-dataset/links.csv'), 'utf8')).toBe(LINKS);
  });

  it('fails offline with one line saying how to use a local copy, naming the files', async () => {
    const base = `http://127.0.0.1:${await closedPort()}`;
    const error = await fetchInto(await tempDir(), base).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'unavailable',
      message: `cannot reach ${base}/o/links/c1/links.csv (ECONNREFUSED). To use a local copy, ${OFFLINE_HINT}`,
    });
    expect((error as Error).message).not.toContain('\n');
  });
});

describe.skipIf(!realDataPresent(REAL_TMDB_SNAPSHOT, 'TMDB_SNAPSHOT'))('the published sources', () => {
  it('name every snapshot file once, with the sha256 of the shared copy', async () => {
    expect(SNAPSHOT_SOURCES.map((s) => s.kind).sort()).toEqual(Object.keys(SNAPSHOT_FILE_NAMES).sort());
    for (const source of SNAPSHOT_SOURCES) {
      expect(sha256(await readFile(join(REAL_TMDB_SNAPSHOT, source.path))), source.path).toBe(source.sha256);
    }
  });
});
