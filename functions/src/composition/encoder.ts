/**
 * Picks the user encoder chain from config: TF Serving or SageMaker when set, then the in-process
 * user tower when the model export is present, then the weighted average of rated-movie vectors.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadInProcessUserEncoder } from '../adapters/in-process-encoder/user-tower.js';
import { createSageMakerEncoder } from '../adapters/sagemaker/index.js';
import { createTfServingEncoder, DEFAULT_HISTORY_LENGTH } from '../adapters/tf-serving/index.js';
import type { AppConfig } from '../config/env.js';
import type { Logger } from '../core/logger.port.js';
import { createFallbackEncoder } from '../core/recommendations/fallback-encoder.js';
import type { VectorIndex } from '../core/recommendations/vector-index.port.js';
import type { UserEncoder } from '../core/recommendations/user-encoder.port.js';
import { createWeightedAverageEncoder } from '../core/recommendations/weighted-average-encoder.js';

export async function encoderFromConfig(config: AppConfig, index: VectorIndex, log: Logger) {
  const { encoder } = config;
  const chain: UserEncoder[] = [];
  const weightsFile = join(config.modelDir, 'user_tower.safetensors');
  const inProcess = existsSync(weightsFile) ? await loadInProcessUserEncoder(weightsFile) : null;
  if (!inProcess)
    log.warn({ file: weightsFile }, 'no user tower weights (train a model); cold start uses the weighted average');
  const historyLength = inProcess?.historyLength ?? DEFAULT_HISTORY_LENGTH;
  if (encoder.tfServingUrl) {
    chain.push(
      createTfServingEncoder({
        url: encoder.tfServingUrl,
        model: encoder.tfServingModel,
        timeoutMs: encoder.timeoutMs,
        historyLength,
      }),
    );
  } else if (encoder.sagemakerEndpoint) {
    chain.push(
      createSageMakerEncoder({
        endpointName: encoder.sagemakerEndpoint,
        region: encoder.awsRegion,
        timeoutMs: encoder.timeoutMs,
        historyLength,
      }),
    );
  }
  if (inProcess) chain.push(inProcess);
  chain.push(createWeightedAverageEncoder((ids) => index.vectors(ids)));
  const fallback = createFallbackEncoder(chain, {
    timeoutMs: encoder.timeoutMs,
    onFallback: ({ encoder: name, error }) =>
      log.warn({ encoder: name, error: String(error) }, 'user encoder failed; falling back'),
  });
  return { encoder: fallback, chain, historyLength };
}
