/** Shared by the benchmarks: peak-memory sampling and the results file every run appends to. */
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Samples RSS every 100 ms (work that awaits I/O yields often enough for samples to keep coming). */
export function rssSampler(): { stop(): number } {
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

export const toMb = (bytes: number) => Math.round(bytes / 2 ** 20);
export const round2 = (n: number) => Math.round(n * 100) / 100;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Appends one JSON line to `<dataDir>/bench/results.jsonl` and returns the stamped record. */
export async function recordBenchResult(dataDir: string, bench: string, figures: Record<string, unknown>) {
  const record = { bench, at: new Date().toISOString(), node: process.version, ...figures };
  const folder = join(dataDir, 'bench');
  await mkdir(folder, { recursive: true });
  await appendFile(join(folder, 'results.jsonl'), `${JSON.stringify(record)}\n`);
  return record;
}
