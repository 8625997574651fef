/**
 * The user tower on a SageMaker endpoint running the TF Serving container: InvokeEndpoint takes
 * the same JSON body as TF Serving's `:predict` and returns the same JSON, so the request and
 * response are the TF Serving client's.
 *
 * @example
 * const encoder = createSageMakerEncoder({ endpointName: 'movierec-user-tower', timeoutMs: 500 });
 */
import { InvokeEndpointCommand, ModelError, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { CodedError } from '../../core/errors.js';
import type { UserEncoder } from '../../core/recommendations/user-encoder.port.js';
import {
  checkHistoryLength,
  DEFAULT_HISTORY_LENGTH,
  parseUserTowerPredictResponse,
  tfServingErrorMessage,
  userTowerPredictBody,
} from '../tf-serving/index.js';

export interface SageMakerEncoderOptions {
  endpointName: string;
  /** Defaults to the SDK's (AWS_REGION). */
  region?: string;
  timeoutMs: number;
  /** How many of the most recent ratings to send; the model's training history length (default 200). */
  historyLength?: number;
  client?: SageMakerRuntimeClient;
}

export function createSageMakerEncoder(options: SageMakerEncoderOptions): UserEncoder {
  const { endpointName, timeoutMs } = options;
  const historyLength = checkHistoryLength(options.historyLength ?? DEFAULT_HISTORY_LENGTH);
  const client =
    options.client ??
    new SageMakerRuntimeClient({
      region: options.region,
      // One retry at most: the deadline below bounds the whole call anyway.
      maxAttempts: 2,
      requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs },
    });

  async function invoke(body: string): Promise<string> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    // The SDK aborts the request on the signal; the race also ends waits it does not watch (retry backoff).
    const timedOut = new Promise<never>((_, reject) => {
      deadline.signal.addEventListener('abort', () =>
        reject(new CodedError('unavailable', `sagemaker: ${endpointName}: no answer within ${timeoutMs} ms`)),
      );
    });
    try {
      const command = new InvokeEndpointCommand({
        EndpointName: endpointName,
        ContentType: 'application/json',
        Accept: 'application/json',
        Body: body,
      });
      const response = await Promise.race([client.send(command, { abortSignal: deadline.signal }), timedOut]);
      if (!response.Body) throw new CodedError('unavailable', `sagemaker: ${endpointName}: empty response`);
      return new TextDecoder().decode(response.Body);
    } catch (error) {
      if (error instanceof CodedError) throw error;
      throw new CodedError('unavailable', `sagemaker: ${endpointName}: ${describeError(error, timeoutMs)}`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    name: `sagemaker:${endpointName}`,
    async encode(histories) {
      if (histories.length === 0) return [];
      const text = await invoke(userTowerPredictBody(histories, historyLength));
      return parseUserTowerPredictResponse(text, histories.length, 'sagemaker');
    },
  };
}

function describeError(error: unknown, timeoutMs: number): string {
  // The container's own answer (TF Serving's {"error": ...}) is the useful part of a ModelError.
  if (error instanceof ModelError) {
    return `model error (HTTP ${error.OriginalStatusCode ?? '?'}): ${tfServingErrorMessage(error.OriginalMessage ?? error.message)}`;
  }
  if (error instanceof Error && error.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
