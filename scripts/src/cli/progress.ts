/**
 * Progress for long jobs on stderr (stdout carries the JSON result): a live bar on a terminal, a
 * line every few seconds otherwise (CI logs, pipes).
 */
import { SingleBar, Presets } from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

const LOG_INTERVAL_MS = 3000;

function barProgress(label: string): Progress {
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% {value}/{total} eta {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) bar.start(total, 0);
      started = true;
      bar.setTotal(total);
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}

function lineProgress(label: string): Progress {
  let lastLog = 0;
  let last: [number, number] | null = null;
  let logged: [number, number] | null = null;
  const log = ([done, total]: [number, number]) => {
    if (logged?.[0] === done && logged[1] === total) return;
    logged = [done, total];
    const pct = total > 0 ? ` (${((100 * done) / total).toFixed(1)}%)` : '';
    process.stderr.write(`${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}${pct}\n`);
  };
  return {
    update(done, total) {
      last = [done, total];
      if (Date.now() - lastLog >= LOG_INTERVAL_MS) {
        lastLog = Date.now();
        log(last);
      }
    },
    stop: () => last && log(last),
  };
}

export function createProgress(label: string): Progress {
  return process.stderr.isTTY && !process.env.CI ? barProgress(label) : lineProgress(label);
}

/** One progress line per phase of a multi-phase job; each phase's bar closes when the next starts. */
export function phasedProgress(): { update(phase: string, done: number, total: number): void; stop(): void } {
  let current: { phase: string; progress: Progress } | null = null;
  return {
    update(phase, done, total) {
      if (current?.phase !== phase) {
        current?.progress.stop();
        current = { phase, progress: createProgress(phase) };
      }
      current.progress.update(done, total);
    },
    stop: () => current?.progress.stop(),
  };
}
