/**
 * Tries backends in order of preference, each under a timeout. A backend that fails is skipped for a
 * cooldown (a minimal circuit breaker), so a dead service costs one timeout, not one per request.
 * The last backend is the last resort and is always tried.
 */
import { CodedError } from '../errors.js';

export interface FailoverOptions {
  /** Per-attempt limit; a slower answer counts as a failure. */
  timeoutMs: number;
  /** How long a failed backend is skipped before it is tried again. */
  cooldownMs?: number;
  now?: () => number;
  onFailure?: (event: { backend: string; error: unknown }) => void;
}

export interface FailoverOutcome<R> {
  result: R;
  /** The backend that answered. */
  backend: string;
  /** True when a preferred backend was skipped or failed. */
  degraded: boolean;
}

export interface Failover<B> {
  run<R>(attempt: (backend: B) => Promise<R>): Promise<FailoverOutcome<R>>;
  /** Backends currently skipped after a failure. */
  coolingDown(): string[];
}

/** Rejects with a timeout error when `work` takes longer than `ms`. */
export async function withTimeout<R>(work: Promise<R>, ms: number, what: string): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CodedError('unavailable', `${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function createFailover<B extends { readonly name: string }>(backends: readonly B[], options: FailoverOptions): Failover<B> {
  const { timeoutMs, cooldownMs = 10_000, now = Date.now, onFailure } = options;
  const failedAt = new Map<string, number>();
  const available = (b: B) => {
    const at = failedAt.get(b.name);
    return at === undefined || now() - at >= cooldownMs;
  };

  return {
    async run(attempt) {
      const errors: string[] = [];
      let degraded = false;
      for (const [position, backend] of backends.entries()) {
        const lastResort = position === backends.length - 1;
        if (!lastResort && !available(backend)) {
          degraded = true;
          errors.push(`${backend.name}: skipped after a recent failure`);
          continue;
        }
        try {
          const result = await withTimeout(attempt(backend), timeoutMs, backend.name);
          failedAt.delete(backend.name);
          return { result, backend: backend.name, degraded };
        } catch (error) {
          if (error instanceof CodedError && error.code !== 'unavailable') throw error;
          failedAt.set(backend.name, now());
          degraded = true;
          errors.push(`${backend.name}: ${error instanceof Error ? error.message : String(error)}`);
          onFailure?.({ backend: backend.name, error });
        }
      }
      throw new CodedError('unavailable', `every backend failed (${errors.join('; ')})`);
    },
    coolingDown: () => backends.filter((b) => !available(b)).map((b) => b.name),
  };
}
