/**
 * `serve` as users run it: a child process over a prepared data folder, answering HTTP, then
 * stopping cleanly (exit 0) on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeApiFixture } from '@movierec/functions/testing';
import { REPO_ROOT } from '../cli/context.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'serve-'));
  await writeApiFixture(dir);
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('serve', () => {
  it('serves the API on the port it prints and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/src/cli.ts', 'serve', '--port', '0'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dir, MODEL_DIR: join(dir, 'no-model'), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /running at (http:\/\/[^/\s]+)\//.exec(stderr);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    const forYou = await fetch(`${url}/api/recommendations/for-you/?user_id=1&limit=3`);
    expect(forYou.status).toBe(200);
    expect(((await forYou.json()) as { items: unknown[] }).items).toHaveLength(3);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(stdout).toContain('"msg":"stopping"');
    expect(stdout).toContain('"path":"/api/recommendations/for-you/"'); // one JSON log line per request
  }, 60_000);
});
