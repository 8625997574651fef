/**
 * One request to TF Serving's REST API with a timeout; every failure (network, timeout, an HTTP
 * error with TF Serving's `{"error": ...}` body, a body that is not JSON) is
 * CodedError('unavailable', 'tf-serving: …').
 */
import { CodedError } from '../../core/errors.js';
import { describeNetworkError } from '../http/network-error.js';
import { parseJson, tfServingErrorMessage } from './user-tower-predict.js';

export interface TfServingRequest {
  url: string;
  method: 'GET' | 'POST';
  body?: string;
  timeoutMs: number;
  fetch: typeof globalThis.fetch;
}

/** The response body as text, after a 2xx status. */
export async function tfServingRequestText({ url, method, body, timeoutMs, fetch }: TfServingRequest): Promise<string> {
  let response: Response;
  let text: string;
  try {
    const headers = body === undefined ? undefined : { 'content-type': 'application/json' };
    // The timeout covers reading the body too: a stalled stream is as bad as no answer.
    response = await fetch(url, { method, body, headers, signal: AbortSignal.timeout(timeoutMs) });
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const reason = timedOut ? `no answer within ${timeoutMs} ms` : `cannot reach it: ${describeNetworkError(error)}`;
    throw new CodedError('unavailable', `tf-serving: ${method} ${url}: ${reason}`, { cause: error });
  }
  if (!response.ok) {
    throw new CodedError(
      'unavailable',
      `tf-serving: ${method} ${url}: HTTP ${response.status}: ${tfServingErrorMessage(text)}`,
    );
  }
  return text;
}

/** The response body parsed as JSON, after a 2xx status. */
export async function tfServingRequestJson(request: TfServingRequest): Promise<unknown> {
  return parseJson(await tfServingRequestText(request), 'tf-serving');
}
