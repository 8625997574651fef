/**
 * The user tower served by TF Serving (or anything speaking its REST API): histories go to
 * `POST <url>/v1/models/<model>:predict` in the columnar format.
 *
 * @example
 * const encoder = createTfServingEncoder({ url: 'http://localhost:8501', model: 'user_tower', timeoutMs: 500 });
 * const [embedding] = await encoder.encode([[{ movieId: 1, rating: 4.5 }]]);
 */
import type { UserEncoder } from '../../core/recommendations/user-encoder.port.js';
import { tfServingRequestText } from './http.js';
import {
  checkHistoryLength,
  DEFAULT_HISTORY_LENGTH,
  parseUserTowerPredictResponse,
  userTowerPredictBody,
} from './user-tower-predict.js';

export interface TfServingEncoderOptions {
  /** Base URL of the REST API, e.g. http://localhost:8501 */
  url: string;
  /** The served model's name (models.config), e.g. user_tower. */
  model: string;
  timeoutMs: number;
  /** How many of the most recent ratings to send; the model's training history length (default 200). */
  historyLength?: number;
  fetch?: typeof globalThis.fetch;
}

/** Base URL of a model's REST endpoints: `<url>/v1/models/<model>`. */
export function tfServingModelUrl(url: string, model: string): string {
  return `${url.replace(/\/+$/, '')}/v1/models/${encodeURIComponent(model)}`;
}

export function createTfServingEncoder(options: TfServingEncoderOptions): UserEncoder {
  const historyLength = checkHistoryLength(options.historyLength ?? DEFAULT_HISTORY_LENGTH);
  const url = `${tfServingModelUrl(options.url, options.model)}:predict`;
  const fetch = options.fetch ?? globalThis.fetch;
  return {
    name: `tf-serving:${options.model}`,
    async encode(histories) {
      if (histories.length === 0) return [];
      const body = userTowerPredictBody(histories, historyLength);
      const text = await tfServingRequestText({ url, method: 'POST', body, timeoutMs: options.timeoutMs, fetch });
      return parseUserTowerPredictResponse(text, histories.length, 'tf-serving');
    },
  };
}
