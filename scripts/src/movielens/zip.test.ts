import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvFiles, removeTempDirs, renameInZip, tempDir, writeFiles, writeZip } from './fixtures.test-helper.js';
import { commonTopFolder, extractZip, safeTarget } from './zip.js';

afterAll(removeTempDirs);

describe('extractZip', () => {
  it('drops the top folder every file shares', async () => {
    const dir = await tempDir();
    const zip = await writeZip(join(dir, 'ml.zip'), csvFiles(), 'ml-latest-small');
    const progress: number[] = [];
    await extractZip(zip, join(dir, 'out'), (done) => progress.push(done));
    expect((await readdir(join(dir, 'out'))).sort()).toEqual(['links.csv', 'movies.csv', 'ratings.csv']);
    expect(await readFile(join(dir, 'out', 'movies.csv'), 'utf8')).toBe(csvFiles()['movies.csv']);
    expect(progress.at(-1)).toBe(Object.values(csvFiles()).reduce((n, c) => n + Buffer.byteLength(c ?? ''), 0));
  });

  it('extracts files stored at the root, replacing what was in the folder', async () => {
    const dir = await tempDir();
    const out = await writeFiles(join(dir, 'out'), { 'stale.csv': 'old' });
    await extractZip(await writeZip(join(dir, 'ml.zip'), csvFiles()), out);
    expect((await readdir(out)).sort()).toEqual(['links.csv', 'movies.csv', 'ratings.csv']);
  });

  it('skips symlinks and macOS resource forks, keeping only regular files', async () => {
    const dir = await tempDir();
    const files = { ...csvFiles(), 'passwd.csv': '/etc/passwd', '__MACOSX/._movies.csv': 'fork' };
    const zip = await writeZip(join(dir, 'ml.zip'), files, '', { 'passwd.csv': 0o120777 });
    await extractZip(zip, join(dir, 'out'));
    expect((await readdir(join(dir, 'out'))).sort()).toEqual(['links.csv', 'movies.csv', 'ratings.csv']);
  });

  it.each([
    ['a parent-relative name', 'zz/evil.csv', '../evil.csv'],
    ['an absolute name', 'zevil.csv', '/evil.csv'],
  ])('rejects %s (zip-slip) before writing anything', async (_, innocent, evil) => {
    const dir = await tempDir();
    const zip = await writeZip(join(dir, 'ml.zip'), { ...csvFiles(), [innocent]: 'pwned' });
    await renameInZip(zip, innocent, evil);
    const out = join(dir, 'deep', 'out');
    await expect(extractZip(zip, out)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(new RegExp(`^${zip}: cannot extract zip: .*${evil}`)),
    });
    expect(await readdir(dir)).toEqual(['ml.zip']);
  });

  it('says which file is not a zip', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'bad.zip'), 'not a zip at all');
    await expect(extractZip(join(dir, 'bad.zip'), join(dir, 'out'))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining(`${join(dir, 'bad.zip')}: cannot extract zip:`),
    });
  });
});

describe('safeTarget', () => {
  it('keeps entries inside the folder', () => {
    expect(safeTarget('/data/out', 'ml/sub/ratings.csv', 'ml/', 'x.zip')).toBe('/data/out/sub/ratings.csv');
  });

  it.each(['a/../../etc/passwd', '../out2/x', 'a\\..\\..\\x', 'ml/'])('refuses %j', (name) => {
    expect(() => safeTarget('/data/out', name, name === 'ml/' ? 'ml/' : '', 'x.zip')).toThrow(
      `x.zip: unsafe path in zip: ${JSON.stringify(name)}`,
    );
  });
});

describe('commonTopFolder', () => {
  it('finds the folder every name starts with, if any', () => {
    expect(commonTopFolder(['ml-1m/movies.dat', 'ml-1m/ratings.dat'])).toBe('ml-1m/');
    expect(commonTopFolder(['ml-1m/movies.dat', 'ratings.dat'])).toBe('');
    expect(commonTopFolder(['movies.dat'])).toBe('');
  });
});
