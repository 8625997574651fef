/**
 * The OpenAPI contract, checked from outside: schemathesis (installed into tf-serving/.venv by
 * `npm run cli -- python setup`) runs every check against the local server over the generated world,
 * with a fixed seed and a bounded number of examples per operation. It must find no server error,
 * no schema-valid request rejected, no invalid one accepted, no undocumented status code, no
 * response off its schema and no undeclared method answered other than 405 with Allow.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../server/local-server.js';
import { writeApiFixture } from './testing/api-fixture.js';
import { fixtureRuntime } from './testing/api-runtime.js';

const SCHEMATHESIS = fileURLToPath(new URL('../../../tf-serving/.venv/bin/st', import.meta.url));
const CONFIG = fileURLToPath(new URL('./testing/schemathesis.toml', import.meta.url));
const SEED = 1;
const EXAMPLES_PER_OPERATION = 30;

let dir: string;
let server: LocalServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'schemathesis-'));
  await writeApiFixture(join(dir, 'world'));
  server = await startLocalServer({ runtime: await fixtureRuntime(join(dir, 'world')), port: 0 });
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI without blocking this process, which serves its requests. */
function schemathesis(args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(SCHEMATHESIS, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

it('the server keeps its OpenAPI contract under every schemathesis check', async () => {
  expect(existsSync(SCHEMATHESIS), `${SCHEMATHESIS} is missing: run \`npm run cli -- python setup\``).toBe(true);
  const args = [
    '--no-color',
    '--config-file',
    CONFIG,
    'run',
    `${server.url}/api/openapi.json`,
    '--checks',
    'all',
    '--seed',
    String(SEED),
    '--max-examples',
    String(EXAMPLES_PER_OPERATION),
    '--workers',
    '1',
    '--request-timeout',
    '10',
  ];
  // Its cwd takes Hypothesis' example database, so nothing is left in the repository.
  const { code, output } = await schemathesis(args, dir);
  expect(code, output).toBe(0);
  const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, object> };
  const operations = Object.values(document.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
  expect(output).toContain(`Tested: ${operations}\n`);
  const [, generated, passed] = /(\d+) generated, (\d+) passed/.exec(output) ?? [];
  expect(Number(generated)).toBeGreaterThan(operations * 10);
  expect(passed).toBe(generated);
}, 180_000);
