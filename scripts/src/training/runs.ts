/**
 * Every training or evaluation run gets its own folder under `$DATA_DIR/runs/`, named by time and
 * kind; symlinks point at the newest run (`latest`) and the newest exported model (`latest-model`).
 */
import { mkdir, rename, symlink, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export type RunKind = 'train' | 'evaluate';

export function runsDir(dataDir: string): string {
  return join(dataDir, 'runs');
}

export async function newRunDir(dataDir: string, kind: RunKind, now = new Date()): Promise<string> {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const dir = join(runsDir(dataDir), `${stamp}-${kind}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Re-points `runs/<name>` at the run, atomically (a new link renamed over the old one). */
export async function pointAt(dataDir: string, name: 'latest' | 'latest-model', runDir: string): Promise<void> {
  const link = join(runsDir(dataDir), name);
  const temporary = `${link}.${process.pid}.tmp`;
  await unlink(temporary).catch(() => undefined);
  await symlink(runDir.split('/').at(-1) as string, temporary);
  await rename(temporary, link);
}
