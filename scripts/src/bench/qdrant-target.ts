/**
 * The Qdrant a benchmark measures: QDRANT_URL when set, else the local stand-in on Qdrant's own
 * engine (qdrant-edge), with a throwaway collection deleted on close.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  createQdrantIndex,
  QDRANT_COLLECTION_SETTINGS,
  type QdrantCollectionSettings,
  startQdrantStandin,
} from '@movierec/functions/data-sources';

/** Bench requests wait while the stand-in indexes (it answers nothing meanwhile). */
const BENCH_TIMEOUT_MS = 30 * 60_000;
const POLL_MS = 500;
const REPORT_EVERY_MS = 15_000;

export interface QdrantTargetOptions {
  url?: string;
  apiKey?: string;
  settings?: Partial<QdrantCollectionSettings>;
}

/** Peak resident memory of a process (VmHWM), in MB; null where /proc cannot tell. */
async function peakRssMbOf(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  return kb === undefined ? null : Math.round(Number(kb) / 1024);
}

export async function openQdrantTarget(options: QdrantTargetOptions, log: (message: string) => void) {
  const standin = options.url ? null : await startQdrantStandin();
  const url = options.url ?? standin!.url;
  const collection = `bench-${randomUUID()}`;
  const settings = { ...QDRANT_COLLECTION_SETTINGS, ...options.settings };
  log(`qdrant: ${standin ? 'the local stand-in (qdrant-edge)' : url}, collection ${collection}`);
  const index = createQdrantIndex({ url, apiKey: options.apiKey, collection, timeoutMs: BENCH_TIMEOUT_MS, settings });

  return {
    index,
    settings,
    server: standin ? 'stand-in (qdrant-edge-py)' : 'QDRANT_URL',

    /** Waits until Qdrant has indexed everything written; returns the seconds waited. */
    async indexed(): Promise<number> {
      const started = performance.now();
      let reported = started;
      for (;;) {
        const { status, points, indexedPoints } = await index.status();
        if (status === 'green') return (performance.now() - started) / 1000;
        if (performance.now() - reported > REPORT_EVERY_MS) {
          log(`qdrant: ${status}, ${indexedPoints} of ${points} points indexed`);
          reported = performance.now();
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },

    /** The stand-in's peak memory; a remote Qdrant's is not ours to read. */
    peakRssMb: () => peakRssMbOf(standin?.process.pid),

    async close() {
      await fetch(`${url}/collections/${collection}`, {
        method: 'DELETE',
        headers: options.apiKey ? { 'api-key': options.apiKey } : {},
      }).catch(() => undefined);
      await standin?.stop();
    },
  };
}
