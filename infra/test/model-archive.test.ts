/**
 * The user tower's model.tar.gz, built from small fake exports in temporary folders: the layout
 * the SageMaker TensorFlow Serving container reads, byte-identical archives from the same content
 * whatever the files' dates, modes or creation order, reuse of an archive already built, and
 * errors that say what to do.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { list, type ReadEntry } from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelExportError, packageUserTower } from '../lib/model-archive.js';

/** A SavedModel version folder's files (relative path → content). */
const savedModel = (tag: string): Record<string, string> => ({
  'saved_model.pb': `graph ${tag}`,
  'fingerprint.pb': `fingerprint ${tag}`,
  'variables/variables.index': `index ${tag}`,
  'variables/variables.data-00000-of-00001': `weights ${tag}`,
  'assets/vocabulary.txt': `vocabulary ${tag}`,
});

let work: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'model-archive-'));
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Writes `files` (path relative to the export → content) in the given order; returns the export dir. */
async function writeExport(name: string, files: Record<string, string>): Promise<string> {
  const exportDir = join(work, name);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(exportDir, path)), { recursive: true });
    await writeFile(join(exportDir, path), content);
  }
  return exportDir;
}

/** The export's user tower with the given versions (each version's files tagged by its number). */
function towerFiles(...versions: string[]): Record<string, string> {
  const files: Record<string, string> = { 'models/models.config': 'model_config_list {}' };
  for (const version of versions)
    for (const [path, content] of Object.entries(savedModel(version)))
      files[`models/user_tower/${version}/${path}`] = content;
  files['models/content_tower/1/saved_model.pb'] = 'content tower';
  return files;
}

interface Entry {
  path: string;
  type: string;
  mode: number | undefined;
  uid: number | undefined;
  mtime: number | undefined;
  content: string;
}

async function readArchive(file: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  await list({
    file,
    onReadEntry: (entry: ReadEntry) => {
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () =>
        entries.push({
          path: entry.path,
          type: entry.type,
          mode: entry.mode,
          uid: entry.uid,
          mtime: entry.mtime?.getTime(),
          content: Buffer.concat(chunks).toString(),
        }),
      );
    },
  });
  return entries;
}

describe('packageUserTower', () => {
  it('puts the newest version folder at the top, as the container expects for one model', async () => {
    const exportDir = await writeExport('export', towerFiles('2', '10', '9'));
    const result = await packageUserTower(exportDir, join(work, 'out'));

    expect(result.version).toBe('10');
    expect(result.archive).toBe(join(work, 'out', 'model.tar.gz'));
    const entries = await readArchive(result.archive);
    expect(entries.map((e) => e.path)).toEqual([
      '10/',
      '10/assets/',
      '10/assets/vocabulary.txt',
      '10/fingerprint.pb',
      '10/saved_model.pb',
      '10/variables/',
      '10/variables/variables.data-00000-of-00001',
      '10/variables/variables.index',
    ]);
    const files = entries.filter((e) => e.type === 'File');
    expect(Object.fromEntries(files.map((e) => [e.path.slice('10/'.length), e.content]))).toEqual(savedModel('10'));
  });

  it('writes fixed modes, owner and dates, and a gzip header without timestamp or OS', async () => {
    const exportDir = await writeExport('export', towerFiles('1'));
    await chmod(join(exportDir, 'models/user_tower/1/saved_model.pb'), 0o600);
    const { archive } = await packageUserTower(exportDir, join(work, 'out'));

    for (const entry of await readArchive(archive)) {
      expect(entry.mode, entry.path).toBe(entry.type === 'Directory' ? 0o755 : 0o644);
      expect(entry.uid ?? 0, entry.path).toBe(0);
      if (entry.type === 'File') expect(entry.mtime, entry.path).toBe(Date.parse('2000-01-01T00:00:00Z'));
    }
    const header = (await readFile(archive)).subarray(0, 10);
    expect([...header.subarray(4, 8)]).toEqual([0, 0, 0, 0]);
    expect(header[9]).toBe(255);
  });

  it('gives byte-identical archives for the same content, whatever the dates, modes and file order', async () => {
    const first = await writeExport('first', towerFiles('3'));
    const reversed = Object.fromEntries(Object.entries(towerFiles('3')).reverse());
    const second = await writeExport('second', reversed);
    const weights = join(second, 'models/user_tower/3/variables/variables.index');
    await utimes(weights, new Date('2031-05-06T07:08:09Z'), new Date('2031-05-06T07:08:09Z'));
    await chmod(weights, 0o664);

    const a = await packageUserTower(first, join(work, 'out-a'));
    const b = await packageUserTower(second, join(work, 'out-b'));

    expect(await readFile(b.archive)).toEqual(await readFile(a.archive));
    expect(b.sha256).toBe(a.sha256);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reuses the archive it built for the same content, and rebuilds when the content changes', async () => {
    const exportDir = await writeExport('export', towerFiles('4'));
    const outDir = join(work, 'out');
    const built = await packageUserTower(exportDir, outDir);
    const writtenAt = (await stat(built.archive)).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(await packageUserTower(exportDir, outDir)).toEqual(built);
    expect((await stat(built.archive)).mtimeMs).toBe(writtenAt);

    await writeFile(join(exportDir, 'models/user_tower/4/variables/variables.index'), 'retrained');
    const rebuilt = await packageUserTower(exportDir, outDir);
    expect(rebuilt.sha256).not.toBe(built.sha256);
    const entries = await readArchive(rebuilt.archive);
    expect(entries.find((e) => e.path === '4/variables/variables.index')?.content).toBe('retrained');
  });

  it('fails naming the path and the command to run when there is no export', async () => {
    const missing = join(work, 'nowhere');
    const failure = packageUserTower(missing, join(work, 'out'));

    await expect(failure).rejects.toThrow(ModelExportError);
    await expect(failure).rejects.toThrow(join(missing, 'models', 'user_tower'));
    await expect(failure).rejects.toThrow('npm run cli -- train');
    await expect(failure).rejects.toThrow('-c modelDir=');
  });

  it('fails when the user tower has no numbered version folder', async () => {
    const exportDir = await writeExport('export', { 'models/user_tower/latest/saved_model.pb': 'graph' });

    await expect(packageUserTower(exportDir, join(work, 'out'))).rejects.toThrow(/no numbered SavedModel version/);
  });

  it('fails when the newest version is not a SavedModel', async () => {
    const files = towerFiles('1');
    files['models/user_tower/2/saved_model.pb'] = 'graph without variables';
    const exportDir = await writeExport('export', files);

    await expect(packageUserTower(exportDir, join(work, 'out'))).rejects.toThrow(
      `${join(exportDir, 'models', 'user_tower', '2')}: not a SavedModel`,
    );
  });
});
