/**
 * `npm start` serves the web app, so it builds web/dist first when it is missing or older than
 * anything it is built from (a fresh clone, a pull, an edit). A build takes about half a minute.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'];

/** The newest modification time under `path` (a file or a folder), 0 when absent. */
export function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

export function webBuildIsStale(webDir: string): boolean {
  const built = join(webDir, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(join(webDir, s))));
  return sources > statSync(built).mtimeMs;
}

export function ensureWebBuild(webDir: string, log: (message: string) => void): void {
  if (!webBuildIsStale(webDir)) return;
  log('Building the web app (web/dist is missing or older than web/)…');
  const result = spawnSync('npm', ['run', 'build', '--workspace', 'web'], {
    cwd: join(webDir, '..'),
    stdio: 'inherit',
  });
  if (result.status !== 0)
    throw new Error(`building the web app failed (npm run build -w web exited ${result.status})`);
}
