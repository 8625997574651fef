/**
 * A chain of user encoders tried in order (e.g. TF Serving, then the in-process tower, then the
 * weighted average): the first answer within the timeout wins. An encoder that failed is skipped
 * for `cooldownMs` (a simple circuit breaker, so a down TF Serving does not cost every request the
 * timeout), then tried again.
 *
 * @example
 * const encoder = createFallbackEncoder([tfServing, inProcess], { timeoutMs: 500, onFallback: log });
 * const { embeddings, encoder: used, degraded } = await encoder.encodeDetailed(histories);
 */
import { CodedError } from '../errors.js';
import type { RatedMovie, UserEncoder } from './user-encoder.port.js';

export const DEFAULT_COOLDOWN_MS = 10_000;

export interface FallbackEvent {
  /** The encoder that failed. */
  encoder: string;
  error: unknown;
}

export interface FallbackEncoderOptions {
  /** Per encoder and call. */
  timeoutMs: number;
  /** How long a failed encoder is skipped (default 10 s). */
  cooldownMs?: number;
  now?: () => number;
  /** Called whenever an encoder fails (the chain then tries the next one). */
  onFallback?: (event: FallbackEvent) => void;
}

export interface DetailedEncoding {
  embeddings: Float32Array[];
  /** The name of the encoder that answered. */
  encoder: string;
  /** True when it was not the first of the chain. */
  degraded: boolean;
}

export type FallbackEncoder = UserEncoder & {
  encodeDetailed(histories: RatedMovie[][]): Promise<DetailedEncoding>;
};

export function createFallbackEncoder(chain: readonly UserEncoder[], options: FallbackEncoderOptions): FallbackEncoder {
  if (chain.length === 0) throw new CodedError('invalid_input', 'a fallback encoder needs at least one encoder');
  const { timeoutMs, cooldownMs = DEFAULT_COOLDOWN_MS, now = Date.now, onFallback } = options;
  const skipUntil = new Map<UserEncoder, number>();

  async function encodeDetailed(histories: RatedMovie[][]): Promise<DetailedEncoding> {
    const failures: string[] = [];
    let lastError: unknown;
    for (const [position, encoder] of chain.entries()) {
      const until = skipUntil.get(encoder);
      if (until !== undefined && now() < until) {
        failures.push(`${encoder.name}: skipped for ${until - now()} ms after a failure`);
        continue;
      }
      try {
        const embeddings = await withTimeout(encoder.encode(histories), timeoutMs, encoder.name);
        skipUntil.delete(encoder);
        return { embeddings, encoder: encoder.name, degraded: position > 0 };
      } catch (error) {
        // Bad input is bad for every encoder; the caller must hear about it, not a fallback.
        if (error instanceof CodedError && error.code === 'invalid_input') throw error;
        // "Cannot encode this history" (e.g. the weighted average of nothing) is no outage.
        if (!(error instanceof CodedError && error.code === 'unprocessable')) skipUntil.set(encoder, now() + cooldownMs);
        failures.push(`${encoder.name}: ${error instanceof Error ? error.message : String(error)}`);
        lastError = error;
        onFallback?.({ encoder: encoder.name, error });
      }
    }
    throw new CodedError('unavailable', `no user encoder could answer (${failures.join('; ')})`, { cause: lastError });
  }

  return {
    name: `fallback(${chain.map((e) => e.name).join(', ')})`,
    encodeDetailed,
    encode: async (histories) => (await encodeDetailed(histories)).embeddings,
  };
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, name: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CodedError('unavailable', `${name} gave no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
