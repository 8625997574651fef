/**
 * What a failed Qdrant call becomes: Qdrant refusing the request as malformed (400/422: a vector of
 * the wrong dimension, a bad point) is the caller's invalid input; everything else (refused
 * connection, timeout, missing collection, server error) is 'unavailable', so callers fall back to
 * the embedded index.
 */
import { CodedError } from '../../core/errors.js';

interface HttpFailure {
  status: number;
  data?: { status?: { error?: string } } | string;
}

const isHttpFailure = (error: unknown): error is HttpFailure =>
  typeof error === 'object' && error !== null && typeof (error as HttpFailure).status === 'number';

function describe(error: unknown): string {
  if (isHttpFailure(error)) {
    const detail = typeof error.data === 'object' ? error.data?.status?.error : error.data;
    return `HTTP ${error.status}${detail ? `: ${detail}` : ''}`;
  }
  if (!(error instanceof Error)) return String(error);
  const cause = (error.cause as NodeJS.ErrnoException | undefined)?.code;
  return [error.name === 'QdrantClientTimeoutError' ? 'timed out' : error.message, cause].filter(Boolean).join(': ');
}

export function toCodedError(operation: string, error: unknown): CodedError {
  if (error instanceof CodedError) return error;
  const malformed = isHttpFailure(error) && (error.status === 400 || error.status === 422);
  return new CodedError(
    malformed ? 'invalid_input' : 'unavailable',
    `qdrant: ${operation} failed: ${describe(error)}`,
    { cause: error },
  );
}

/** Runs one Qdrant call, turning any failure into a CodedError. */
export async function guarded<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toCodedError(operation, error);
  }
}
