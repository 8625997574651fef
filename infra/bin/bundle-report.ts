/**
 * Bundles every Lambda handler exactly as the CDK app does (constructs/bundling.ts), prints each
 * bundle's size against the 1.5 MB budget, then times each bundled handler's cold start in a fresh
 * Node process: importing the bundle and answering its first event.
 *
 *   DATABASE_URL=postgresql://127.0.0.1:5432/movierec npx tsx infra/bin/bundle-report.ts [--runs 3]
 *
 * The database must hold the data (`npm run cli -- load-movies` and `load-ratings` with that
 * DATABASE_URL). As in Lambda, each bundle runs from a folder of its own (outside the repository,
 * so no node_modules can stand in for what was left out), with the Neon driver over WebSockets
 * (through a local WebSocket-to-TCP proxy, as Neon documents for local development); the
 * recommendations function reads the user tower from MODEL_DIR (Lambda: its layer) and has no
 * Qdrant, so its first For You answers from Trending, as in Lambda with Qdrant down.
 */
import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { startWsProxy } from '../../functions/src/adapters/postgres/ws-proxy.js';
import { httpApiEvent } from '../../functions/src/lambda/http-api-event.js';
import {
  BUNDLE_BUDGET_BYTES,
  esbuildOptions,
  LAMBDA_ENTRIES,
  type LambdaEntry,
  REPO_ROOT,
  SWAGGER_UI_FILES,
} from '../lib/constructs/bundling.js';

/** Outside the repository: module resolution must not find the repository's node_modules. */
const OUT_DIR = mkdtempSync(join(tmpdir(), 'bundle-report-'));

const scheduled = { id: 'bundle-report', time: new Date().toISOString(), 'detail-type': 'Scheduled Event', detail: {} };

/** The first event each function answers after a cold start. */
function firstEvent(entry: LambdaEntry): unknown {
  switch (entry) {
    case 'users':
      return httpApiEvent('GET', '/api/users/?limit=20');
    case 'movies':
      return httpApiEvent('GET', '/api/movies/search/?q=matrix');
    case 'recommendations':
      return httpApiEvent('GET', '/api/recommendations/for-you/?user_id=1');
    case 'system':
      return httpApiEvent('GET', '/api/health/');
    case 'trending-refresh':
      return scheduled;
    case 'ingest':
      return { ...scheduled, 'detail-type': 'Model Exported', detail: { targets: ['embedded'] } };
  }
}

async function bundle(entry: LambdaEntry): Promise<{ file: string; bytes: number }> {
  const dir = join(OUT_DIR, entry);
  rmSync(dir, { recursive: true, force: true });
  const file = join(dir, 'index.mjs');
  await build(esbuildOptions(entry, file));
  if (entry === 'system') {
    const swagger = join(dir, 'node_modules/swagger-ui-dist');
    mkdirSync(swagger, { recursive: true });
    for (const f of SWAGGER_UI_FILES) cpSync(join(REPO_ROOT, 'node_modules/swagger-ui-dist', f), join(swagger, f));
  }
  return { file, bytes: statSync(file).size };
}

interface ColdStart {
  importMs: number;
  firstEventMs: number;
  /** The same event again in the warm process: what the first one cost beyond it was cold start. */
  secondEventMs: number;
  totalMs: number;
  status: number | string;
}

/**
 * Lambda's Node runtimes provide the AWS SDK v3, which the bundles leave out: the isolated folder
 * sees the repository's copy of `@aws-sdk/*` (a link; its own dependencies resolve from where it
 * really lives) and nothing else.
 */
function provideSdk(): void {
  mkdirSync(join(OUT_DIR, 'node_modules'), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules/@aws-sdk'), join(OUT_DIR, 'node_modules/@aws-sdk'), 'dir');
}

// Node 22+ (Lambda's runtimes) has WebSocket built in; Node 20 behind a flag.
const NODE_FLAGS = [
  '--enable-source-maps',
  ...(Number(process.versions.node.split('.')[0]) < 22 ? ['--experimental-websocket'] : []),
];

const CHILD = `
const started = performance.now();
const { handler } = await import(process.env.BUNDLE);
const imported = performance.now();
const result = await handler(JSON.parse(process.env.EVENT), {});
const answered = performance.now();
await handler(JSON.parse(process.env.EVENT), {});
const again = performance.now();
(await import('node:fs')).writeFileSync(process.env.RESULT_FILE, JSON.stringify({ importMs: imported - started, firstEventMs: answered - imported, secondEventMs: again - answered,
  status: result?.statusCode ?? Object.keys(result ?? {}).slice(0, 3).join(',') }));
process.exit(0);`;

/** Asynchronous: the WebSocket proxy runs in this process and must keep serving the child. */
async function coldStart(file: string, entry: LambdaEntry, env: NodeJS.ProcessEnv): Promise<ColdStart> {
  const resultFile = join(OUT_DIR, `${entry}.result.json`);
  const started = performance.now();
  const { stdout: out } = await promisify(execFile)(
    process.execPath,
    [...NODE_FLAGS, '--input-type=module', '-e', CHILD],
    {
      env: {
        ...env,
        NODE_NO_WARNINGS: '1',
        BUNDLE: file,
        EVENT: JSON.stringify(firstEvent(entry)),
        RESULT_FILE: resultFile,
      },
      encoding: 'utf-8',
      timeout: 120_000,
    },
  );
  if (!existsSync(resultFile)) throw new Error(`${entry}: the bundled handler wrote no result:\n${out}`);
  return {
    ...(JSON.parse(readFileSync(resultFile, 'utf-8')) as Omit<ColdStart, 'totalMs'>),
    totalMs: performance.now() - started,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1 (got ${values.runs})`);
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('set DATABASE_URL to a PostgreSQL database holding the data (see the header)');
  const { hostname, port } = new URL(databaseUrl);
  const proxy = await startWsProxy([`${hostname}:${port || 5432}`]);
  const env = {
    PATH: process.env.PATH,
    DATABASE_URL: databaseUrl,
    DATABASE_DRIVER: 'neon',
    NEON_WS_PROXY: proxy.address,
    DATA_DIR: join(OUT_DIR, 'data'),
    MODEL_DIR: process.env.MODEL_DIR ?? join(REPO_ROOT, '.data/runs/latest-model'),
    LOG_LEVEL: 'warn',
  };
  provideSdk();
  const report = [];
  for (const entry of LAMBDA_ENTRIES) {
    const { file, bytes } = await bundle(entry);
    const sizes = { function: entry, bundleKB: Math.round(bytes / 1024), withinBudget: bytes <= BUNDLE_BUDGET_BYTES };
    try {
      const starts: ColdStart[] = [];
      for (let run = 0; run < runs; run += 1) starts.push(await coldStart(file, entry, env));
      report.push({
        ...sizes,
        coldStartMs: {
          import: Math.round(median(starts.map((s) => s.importMs))),
          firstEvent: Math.round(median(starts.map((s) => s.firstEventMs))),
          warmEvent: Math.round(median(starts.map((s) => s.secondEventMs))),
          processTotal: Math.round(median(starts.map((s) => s.totalMs))),
        },
        status: starts[0]!.status,
      });
    } catch (error) {
      // One function that cannot start here (e.g. no model export yet) does not hide the others.
      report.push({ ...sizes, coldStartError: String(error).split('\n')[0] });
    }
  }
  await proxy.close();
  rmSync(OUT_DIR, { recursive: true, force: true });
  console.log(JSON.stringify({ budgetKB: BUNDLE_BUDGET_BYTES / 1024, runs, functions: report }, null, 2));
}

await main();
