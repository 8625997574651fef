/**
 * Tries backends in order of preference, each under a timeout. A backend that fails is skipped for a
 * cooldown (a minimal circuit breaker), so a dead service costs one timeout, not one per request.
 * The last backend is the last resort and is always tried.
 */
import { CodedError } from '../errors.js';

export interface FailoverOptions {
  /** Says what failed when every backend did ("no user encoder could answer"). */
  failure?: string;
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
    timer = setTimeout(() => reject(new CodedError('unavailable', `${what} gave no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Errors other than 'unavailable' and 'unprocessable' (which try the next backend) are rethrown. */
export function createFailover<B extends { readonly name: string }>(
  backends: readonly B[],
  options: FailoverOptions,
): Failover<B> {
  const { timeoutMs, cooldownMs = 10_000, now = Date.now, onFailure, failure = 'every backend failed' } = options;
  const failedAt = new Map<string, number>();
  const available = (b: B) => {
    const at = failedAt.get(b.name);
    return at === undefined || now() - at >= cooldownMs;
  };

  return {
    async run(attempt) {
      const errors: string[] = [];
      let lastError: unknown;
      let degraded = false;
      for (const [position, backend] of backends.entries()) {
        const lastResort = position === backends.length - 1;
        if (!lastResort && !available(backend)) {
          degraded = true;
          errors.push(
            `${backend.name}: skipped for ${cooldownMs - (now() - failedAt.get(backend.name)!)} ms after a failure`,
          );
          continue;
        }
        try {
          const result = await withTimeout(attempt(backend), timeoutMs, backend.name);
          failedAt.delete(backend.name);
          return { result, backend: backend.name, degraded };
        } catch (error) {
          const code = error instanceof CodedError ? error.code : 'unavailable';
          // Bad input is bad for every backend: the caller must hear about it, not a fallback.
          if (code !== 'unavailable' && code !== 'unprocessable') throw error;
          // "Cannot do this one" (e.g. the weighted average of nothing) is no outage: no cooldown.
          if (code === 'unavailable') failedAt.set(backend.name, now());
          degraded = true;
          errors.push(`${backend.name}: ${error instanceof Error ? error.message : String(error)}`);
          lastError = error;
          onFailure?.({ backend: backend.name, error });
        }
      }
      throw new CodedError('unavailable', `${failure} (${errors.join('; ')})`, { cause: lastError });
    },
    coolingDown: () => backends.filter((b) => !available(b)).map((b) => b.name),
  };
}
