/**
 * A chain of user encoders tried in order (e.g. TF Serving, then the in-process tower, then the
 * weighted average): the first answer within the timeout wins. An encoder that failed is skipped
 * for `cooldownMs` (a simple circuit breaker, so a down TF Serving does not cost every request the
 * timeout), then tried again; the last encoder is the last resort and is always tried.
 *
 * @example
 * const encoder = createFallbackEncoder([tfServing, inProcess], { timeoutMs: 500, onFallback: log });
 * const { embeddings, encoder: used, degraded } = await encoder.encodeDetailed(histories);
 */
import { CodedError } from '../errors.js';
import { createFailover } from '../resilience/failover.js';
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
  const { onFallback, cooldownMs = DEFAULT_COOLDOWN_MS, ...rest } = options;
  const failover = createFailover(chain, {
    ...rest,
    cooldownMs,
    failure: 'no user encoder could answer',
    onFailure: ({ backend, error }) => onFallback?.({ encoder: backend, error }),
  });

  async function encodeDetailed(histories: RatedMovie[][]): Promise<DetailedEncoding> {
    const { result, backend, degraded } = await failover.run((encoder) => encoder.encode(histories));
    return { embeddings: result, encoder: backend, degraded };
  }

  return {
    name: `fallback(${chain.map((e) => e.name).join(', ')})`,
    encodeDetailed,
    encode: async (histories) => (await encodeDetailed(histories)).embeddings,
  };
}
