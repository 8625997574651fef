import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type FetchMovieLensOptions, type FetchProgress, fetchMovieLens } from './fetch.js';
import { csvFiles, datFiles, removeTempDirs, tempDir, writeFiles, writeZip } from './fixtures.test-helper.js';

afterAll(removeTempDirs);

/** Fetches with progress recorded; the fixtures are not full releases, so counts are not checked. */
async function fetchRecorded(options: Partial<FetchMovieLensOptions> & { dataDir: string }) {
  const phases: FetchProgress['phase'][] = [];
  const result = await fetchMovieLens({
    variant: 'ml-latest-small',
    verifyCounts: false,
    onProgress: (p) => phases.push(p.phase),
    ...options,
  });
  return { ...result, phases: [...new Set(phases)] };
}

describe('fetchMovieLens from a folder', () => {
  it('reads the folder in place and writes its manifest under dataDir', async () => {
    const source = await writeFiles(await tempDir(), csvFiles());
    const dataDir = await tempDir();
    const result = await fetchRecorded({ source, dataDir });
    expect(result).toMatchObject({ from: source, cached: false, downloaded: false });
    expect(result.dataset.dir).toBe(source);
    expect(result.counts).toEqual({ movies: 5, ratings: 5, users: 3, links: 4 });
    expect(result.phases).toEqual(['count']);
    const manifest = JSON.parse(await readFile(join(dataDir, 'movielens', 'ml-latest-small.manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ variant: 'ml-latest-small', format: 'csv', dir: source, counts: result.counts });
  });

  it('accepts a parent folder holding <variant>/, given as a relative path', async () => {
    const parent = await tempDir();
    await writeFiles(join(parent, 'ml-1m'), datFiles());
    const result = await fetchRecorded({
      variant: 'ml-1m',
      source: relative(process.cwd(), parent),
      dataDir: await tempDir(),
    });
    expect(result.dataset.dir).toBe(join(parent, 'ml-1m'));
    expect(result.dataset.format).toBe('dat');
  });

  it('skips the counting pass on a re-run over unchanged files, and counts again after a change', async () => {
    const source = await writeFiles(await tempDir(), csvFiles());
    const dataDir = await tempDir();
    await fetchRecorded({ source, dataDir });
    const again = await fetchRecorded({ source, dataDir });
    expect(again).toMatchObject({ cached: true, phases: [] });
    expect(again.counts.ratings).toBe(5);
    await appendFile(join(source, 'ratings.csv'), '4,1,3.0,964982931\n');
    const changed = await fetchRecorded({ source, dataDir });
    expect(changed).toMatchObject({ cached: false, phases: ['count'] });
    expect(changed.counts).toMatchObject({ ratings: 6, users: 4 });
  });

  it('fails with both places it looked when the folder holds no dataset', async () => {
    const source = await tempDir();
    await expect(fetchRecorded({ source, dataDir: await tempDir() })).rejects.toMatchObject({
      code: 'invalid_input',
      message: `${source}: no MovieLens files here or in ${join(source, 'ml-latest-small')} (expected movies.csv + ratings.csv, movies.dat + ratings.dat (ml-1m) or u.item + u.data (ml-100k))`,
    });
  });
});

describe('fetchMovieLens from a zip file', () => {
  it('extracts into <dataDir>/movielens/<variant>/ and skips extraction and counting on a re-run', async () => {
    const dir = await tempDir();
    const zip = await writeZip(join(dir, 'ml-latest-small.zip'), csvFiles(), 'ml-latest-small');
    const dataDir = await tempDir();
    const first = await fetchRecorded({ source: zip, dataDir });
    const dest = join(dataDir, 'movielens', 'ml-latest-small');
    expect(first).toMatchObject({ from: zip, cached: false, phases: ['extract', 'count'] });
    expect(first.dataset.files.ratings).toBe(join(dest, 'ratings.csv'));
    expect(JSON.parse(await readFile(join(dest, 'manifest.json'), 'utf8'))).toMatchObject({ zip: { path: zip } });
    const again = await fetchRecorded({ source: zip, dataDir });
    expect(again).toMatchObject({ cached: true, phases: [] });
    expect(again.counts).toEqual(first.counts);
  });
});

describe('fetchMovieLens checks', () => {
  it('fails when a release with known counts does not have them', async () => {
    const source = await writeFiles(await tempDir(), csvFiles());
    await expect(fetchRecorded({ source, dataDir: await tempDir(), verifyCounts: true })).rejects.toMatchObject({
      code: 'unprocessable',
      message: `${source} does not match ml-latest-small: found 5 movies (expected 9,742), 5 ratings (expected 100,836), 3 users (expected 610). Is it a different MovieLens release, or incomplete?`,
    });
  });

  it('accepts any counts for ml-latest, whose counts change over time', async () => {
    const source = await writeFiles(await tempDir(), csvFiles());
    const result = await fetchRecorded({ variant: 'ml-latest', source, dataDir: await tempDir(), verifyCounts: true });
    expect(result.counts.movies).toBe(5);
  });

  it('says when the source does not exist', async () => {
    const source = join(await tempDir(), 'nowhere');
    await expect(fetchRecorded({ source, dataDir: await tempDir() })).rejects.toMatchObject({
      code: 'invalid_input',
      message: `${source}: no such file or folder`,
    });
  });

  it('refuses a file that is not a zip', async () => {
    const source = join(await tempDir(), 'ratings.txt');
    await writeFile(source, 'x');
    await expect(fetchRecorded({ source, dataDir: await tempDir() })).rejects.toMatchObject({
      code: 'invalid_input',
      message: `${source}: not a folder or a .zip file`,
    });
  });
});
