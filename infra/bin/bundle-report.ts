/**
 * Bundles every Lambda handler exactly as the CDK app does (constructs/bundling.ts), prints each
 * bundle's size against the 1.5 MB budget, then times each bundled handler's cold start in a fresh
 * Node process: importing the bundle and answering its first event.
 *
 *   DATABASE_URL=postgresql://127.0.0.1:5432/movierec npx tsx infra/bin/bundle-report.ts [--runs 3]
 *
 * The database must hold the data (`npm run cli -- load-movies` and `load-ratings` with that
 * DATABASE_URL). Locally the functions use node-postgres (Lambda: the Neon driver over WebSockets)
 * and the recommendations function reads the user tower from MODEL_DIR (Lambda: its layer); no
 * Qdrant is configured, so its first For You answers from Trending, as in Lambda with Qdrant down.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { httpApiEvent } from '../../functions/src/lambda/http-api-event.js';
import {
  BUNDLE_BUDGET_BYTES,
  esbuildOptions,
  LAMBDA_ENTRIES,
  type LambdaEntry,
  REPO_ROOT,
  SWAGGER_UI_FILES,
} from '../lib/constructs/bundling.js';

const OUT_DIR = join(REPO_ROOT, 'infra/cdk.out/bundle-report');

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
  totalMs: number;
  status: number | string;
}

const RESULT = 'bundle-report-result ';
const CHILD = `
const RESULT = ${JSON.stringify(RESULT)};
const started = performance.now();
const { handler } = await import(process.env.BUNDLE);
const imported = performance.now();
const result = await handler(JSON.parse(process.env.EVENT), {});
const answered = performance.now();
process.stdout.write('\\n' + RESULT + JSON.stringify({ importMs: imported - started, firstEventMs: answered - imported,
  status: result?.statusCode ?? Object.keys(result ?? {}).slice(0, 3).join(',') }));
process.exit(0);`;

function coldStart(file: string, entry: LambdaEntry, env: NodeJS.ProcessEnv): ColdStart {
  const started = performance.now();
  const out = execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', CHILD], {
    env: { ...env, NODE_NO_WARNINGS: '1', BUNDLE: file, EVENT: JSON.stringify(firstEvent(entry)) },
    encoding: 'utf-8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const result = out.split('\n').find((line) => line.startsWith(RESULT));
  if (!result) throw new Error(`${entry}: the bundled handler printed no result:\n${out}`);
  return {
    ...(JSON.parse(result.slice(RESULT.length)) as Omit<ColdStart, 'totalMs'>),
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
  const scratch = mkdtempSync(join(tmpdir(), 'bundle-report-'));
  const env = {
    PATH: process.env.PATH,
    DATABASE_URL: databaseUrl,
    DATABASE_DRIVER: 'postgres',
    DATA_DIR: scratch,
    MODEL_DIR: process.env.MODEL_DIR ?? join(REPO_ROOT, '.data/runs/latest-model'),
    LOG_LEVEL: 'warn',
  };
  const report = [];
  for (const entry of LAMBDA_ENTRIES) {
    const { file, bytes } = await bundle(entry);
    const sizes = { function: entry, bundleKB: Math.round(bytes / 1024), withinBudget: bytes <= BUNDLE_BUDGET_BYTES };
    try {
      const starts = Array.from({ length: runs }, () => coldStart(file, entry, env));
      report.push({
        ...sizes,
        coldStartMs: {
          import: Math.round(median(starts.map((s) => s.importMs))),
          firstEvent: Math.round(median(starts.map((s) => s.firstEventMs))),
          processTotal: Math.round(median(starts.map((s) => s.totalMs))),
        },
        status: starts[0]!.status,
      });
    } catch (error) {
      // One function that cannot start here (e.g. no model export yet) does not hide the others.
      report.push({ ...sizes, coldStartError: String(error).split('\n')[0] });
    }
  }
  rmSync(scratch, { recursive: true, force: true });
  console.log(JSON.stringify({ budgetKB: BUNDLE_BUDGET_BYTES / 1024, runs, functions: report }, null, 2));
}

await main();
