/**
 * Packs the user tower of a training export into the `model.tar.gz` the SageMaker TensorFlow
 * Serving container expects for one model: the newest version folder at the top
 * (`<version>/saved_model.pb`, `<version>/variables/…`). The archive is deterministic (sorted
 * entries, fixed mtime, modes and owner, gzip without timestamp or OS byte), so the same export
 * gives the same bytes, the CDK asset hash stays put and a re-synth does not roll the endpoint.
 *
 * @example
 * const { archive, version } = await packageUserTower('.data/runs/latest-model', '.data/model-archive');
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { create as createTar, type WriteEntry } from 'tar';

export interface UserTowerArchive {
  /** `<outDir>/model.tar.gz`. */
  archive: string;
  /** The SavedModel version folder it holds (the export's highest). */
  version: string;
  /** sha256 of the archive's bytes, hex. */
  sha256: string;
}

/** Bumped whenever the archive's layout or encoding changes, so older archives are rebuilt. */
const FORMAT = 'movierec-user-tower-archive/1';
const ARCHIVE_NAME = 'model.tar.gz';
const RECORD_NAME = `${ARCHIVE_NAME}.json`;
/** Any fixed instant does; this one reads as "no real date" and no extractor warns about it. */
const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');

export class ModelExportError extends Error {
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}; run \`npm run cli -- train\` to export a model (or pass -c modelDir=<export dir>)`);
    this.name = 'ModelExportError';
  }
}

interface ArchiveRecord {
  format: string;
  fingerprint: string;
  version: string;
  sha256: string;
}

export async function packageUserTower(exportDir: string, outDir: string): Promise<UserTowerArchive> {
  const towerDir = join(exportDir, 'models', 'user_tower');
  const version = await newestVersion(towerDir);
  const entries = [version, ...(await listTree(towerDir, version))];
  const fingerprint = await fingerprintOf(towerDir, entries);
  const archive = join(outDir, ARCHIVE_NAME);
  const previous = await readRecord(join(outDir, RECORD_NAME));
  if (previous?.fingerprint === fingerprint && (await isFile(archive)))
    return { archive, version: previous.version, sha256: previous.sha256 };

  await mkdir(outDir, { recursive: true });
  const partial = join(outDir, `.${ARCHIVE_NAME}.${process.pid}.partial`);
  try {
    await writeArchive(towerDir, entries, partial);
    await rename(partial, archive);
  } finally {
    await rm(partial, { force: true });
  }
  const sha256 = await sha256Of(archive);
  const record: ArchiveRecord = { format: FORMAT, fingerprint, version, sha256 };
  await writeFile(join(outDir, RECORD_NAME), `${JSON.stringify(record, null, 2)}\n`);
  return { archive, version, sha256 };
}

/** The highest numeric version folder that holds a SavedModel (TF Serving serves the highest too). */
async function newestVersion(towerDir: string): Promise<string> {
  const names = await readdir(towerDir, { withFileTypes: true }).catch(() => {
    throw new ModelExportError(towerDir, 'no user tower export here');
  });
  const versions = names.filter((e) => e.isDirectory() && /^\d+$/.test(e.name)).map((e) => e.name);
  if (versions.length === 0) throw new ModelExportError(towerDir, 'no numbered SavedModel version folder');
  const version = versions.reduce((a, b) => (BigInt(b) > BigInt(a) ? b : a));
  const versionDir = join(towerDir, version);
  if (!(await isFile(join(versionDir, 'saved_model.pb'))) || !(await isDirectory(join(versionDir, 'variables'))))
    throw new ModelExportError(versionDir, 'not a SavedModel (saved_model.pb and variables/ expected)');
  return version;
}

/** Every file and folder below `root/dir`, as `dir/…` paths in byte order (a folder before its content). */
async function listTree(root: string, dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(path, ...(await listTree(root, path)));
    else if (entry.isFile()) found.push(path);
  }
  return found.sort(byCodeUnits);
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What the archive is made of: every entry's path, and each file's content hash. */
async function fingerprintOf(root: string, entries: string[]): Promise<string> {
  const hash = createHash('sha256').update(FORMAT);
  for (const entry of entries) {
    const path = join(root, entry);
    hash.update(`\0${entry}\0`);
    if (await isFile(path)) hash.update(await sha256Of(path));
  }
  return hash.digest('hex');
}

function writeArchive(cwd: string, entries: string[], file: string): Promise<void> {
  return createTar(
    {
      file,
      cwd,
      gzip: true,
      // portable: no uid, gid, owner names, atime or ctime, and gzip's OS byte fixed.
      portable: true,
      mtime: FIXED_MTIME,
      // The sorted list above already names every entry; recursing would add readdir's order.
      noDirRecurse: true,
      onWriteEntry: fixMode,
    },
    entries,
  );
}

/** Modes as on a fresh checkout, whatever the umask or copy that produced the export. */
function fixMode(entry: WriteEntry): void {
  if (!entry.stat) return;
  const permissions = entry.type === 'Directory' ? 0o755 : 0o644;
  entry.stat.mode = (entry.stat.mode & ~0o7777) | permissions;
}

async function readRecord(path: string): Promise<ArchiveRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(path, 'utf8')) as Partial<ArchiveRecord>;
    const complete = [record.fingerprint, record.version, record.sha256].every((v) => typeof v === 'string');
    return record.format === FORMAT && complete ? (record as ArchiveRecord) : undefined;
  } catch {
    return undefined;
  }
}

function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

const isFile = (path: string) =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
const isDirectory = (path: string) =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
