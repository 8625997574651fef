/**
 * Memory and speed check of the CSV ratings parser (not a test: it takes a minute at full size).
 *
 *   npx tsx scripts/src/movielens/bench-parse.ts [--lines 32000000] [--users 200000] [--movies 87000]
 *     [--seed 1] [--path file.csv] [--mode items|batches]
 *
 * Writes a synthetic ratings.csv unless `--path` (default: one in the OS temp folder, named by the
 * sizes and seed) already exists, streams it through the parser, prints JSON with lines/s, elapsed
 * and peak RSS, and appends that JSON to .data/bench/results.jsonl. `items` times readRatings (one
 * await per rating, what dataset.ratings() gives), `batches` times readRatingBatches.
 */
import { appendFile, mkdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isFile } from './layout.js';
import { readRatingBatches, readRatings } from './ratings.js';
import { writeSyntheticRatings } from './synthetic.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '32000000' },
    users: { type: 'string', default: '200000' },
    movies: { type: 'string', default: '87000' },
    seed: { type: 'string', default: '1' },
    path: { type: 'string' },
    mode: { type: 'string', default: 'items' },
  },
});

const ratings = Number(values.lines);
const users = Number(values.users);
const movies = Number(values.movies);
const seed = Number(values.seed);
const mode = values.mode === 'batches' ? 'batches' : 'items';
const path = values.path ?? join(tmpdir(), `movierec-bench-ratings-${ratings}-${users}-${movies}-${seed}.csv`);

/** Samples RSS every 100 ms; the parser yields to the event loop on every read, so samples keep coming. */
function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

/** Sums ratings so the loop does real work with every record. */
async function parse(): Promise<{ lines: number; ratingSum: number }> {
  let lines = 0;
  let ratingSum = 0;
  if (mode === 'items') {
    for await (const r of readRatings(path, 'csv')) {
      lines += 1;
      ratingSum += r.rating;
    }
  } else {
    for await (const batch of readRatingBatches(path, 'csv')) {
      lines += batch.length;
      for (const r of batch) ratingSum += r.rating;
    }
  }
  return { lines, ratingSum };
}

async function main(): Promise<void> {
  let generatedSeconds: number | null = null;
  if (!(await isFile(path))) {
    const started = performance.now();
    console.error(`writing ${ratings.toLocaleString('en-US')} synthetic ratings to ${path}…`);
    await writeSyntheticRatings({ path, users, movies, ratings, seed });
    generatedSeconds = round((performance.now() - started) / 1000);
  }
  const sampler = rssSampler();
  const started = performance.now();
  const { lines, ratingSum } = await parse();
  const elapsed = (performance.now() - started) / 1000;
  const peakRss = sampler.stop();
  const result = {
    at: new Date().toISOString(),
    mode,
    file: path,
    bytes: (await stat(path)).size,
    lines,
    ratingSum,
    elapsedSeconds: round(elapsed),
    linesPerSecond: Math.round(lines / elapsed),
    peakRssMb: Math.round(peakRss / 2 ** 20),
    generatedSeconds,
    node: process.version,
  };
  console.log(JSON.stringify(result, null, 2));
  const out = join(REPO_ROOT, '.data', 'bench');
  await mkdir(out, { recursive: true });
  await appendFile(join(out, 'results.jsonl'), `${JSON.stringify(result)}\n`);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

await main();
