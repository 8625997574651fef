/**
 * The user tower's predict call as JSON, shared by the TF Serving client and the SageMaker adapter
 * (a TF Serving container behind InvokeEndpoint takes the same body as `:predict`).
 * Signature (docs/model.md): `history_movie_ids` int64 [batch, L] (0 = padding) and
 * `history_ratings` float32 [batch, L] → `embedding` float32 [batch, 128].
 */
import { z } from 'zod';
import { CodedError } from '../../core/errors.js';
import type { RatedMovie } from '../../core/recommendations/user-encoder.port.js';

/**
 * The default model reads each user's 200 most recent ratings (TwoTowerConfig.history_length); the
 * weights file's metadata, when the API has it, says what the served model was trained with.
 */
export const DEFAULT_HISTORY_LENGTH = 200;
const PADDING_MOVIE_ID = 0;

/** Which service answered, for error messages: `tf-serving: …`, `sagemaker: …`. */
export type ServiceLabel = 'tf-serving' | 'sagemaker';

export function checkHistoryLength(historyLength: number): number {
  if (!Number.isSafeInteger(historyLength) || historyLength < 1) {
    throw new CodedError('invalid_input', `historyLength must be a positive integer, got ${historyLength}`);
  }
  return historyLength;
}

/**
 * The columnar `:predict` body: each history cut to its last `historyLength` ratings and
 * right-aligned (left-padded with id 0), as in training. L is the longest window of the batch
 * (at least 1); the SavedModel accepts any L since padding is masked out.
 */
export function userTowerPredictBody(histories: readonly RatedMovie[][], historyLength: number): string {
  const windows = histories.map((history, index) => {
    const window = history.slice(-historyLength);
    for (const { movieId, rating } of window) {
      if (!Number.isSafeInteger(movieId))
        throw new CodedError('invalid_input', `history ${index}: movie id ${movieId} is not an integer`);
      if (!Number.isFinite(rating))
        throw new CodedError(
          'invalid_input',
          `history ${index}: rating of movie ${movieId} is not a number: ${rating}`,
        );
    }
    return window;
  });
  const width = windows.reduce((longest, window) => Math.max(longest, window.length), 1);
  const padded = <T>(window: RatedMovie[], pick: (movie: RatedMovie) => T, pad: T): T[] => [
    ...new Array<T>(width - window.length).fill(pad),
    ...window.map(pick),
  ];
  return JSON.stringify({
    signature_name: 'serving_default',
    inputs: {
      history_movie_ids: windows.map((window) => padded(window, (m) => m.movieId, PADDING_MOVIE_ID)),
      history_ratings: windows.map((window) => padded(window, (m) => m.rating, 0)),
    },
  });
}

const embeddings = z.array(z.array(z.number()).min(1));
// One output tensor comes bare; a signature with several outputs names them.
const predictResponse = z.object({ outputs: z.union([embeddings, z.object({ embedding: embeddings })]) });

/** The embeddings of a `:predict` answer (`body` as received), checked against the request. */
export function parseUserTowerPredictResponse(
  body: string,
  historyCount: number,
  service: ServiceLabel,
): Float32Array[] {
  const parsed = predictResponse.safeParse(parseJson(body, service));
  if (!parsed.success)
    throw new CodedError('unavailable', `${service}: unexpected predict response: ${z.prettifyError(parsed.error)}`);
  const rows = Array.isArray(parsed.data.outputs) ? parsed.data.outputs : parsed.data.outputs.embedding;
  const dimension = rows[0]?.length;
  if (rows.length !== historyCount || rows.some((row) => row.length !== dimension)) {
    const shape = rows.map((row) => row.length).join(', ');
    throw new CodedError(
      'unavailable',
      `${service}: expected ${historyCount} embeddings of one size, got ${rows.length} of size(s) [${shape}]`,
    );
  }
  return rows.map((row) => Float32Array.from(row));
}

export function parseJson(body: string, service: ServiceLabel): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new CodedError('unavailable', `${service}: the answer is not JSON: ${body.slice(0, 200)}`);
  }
}

const errorBody = z.object({ error: z.string() });

/** TF Serving's `{"error": "..."}` message, else the start of the raw body. */
export function tfServingErrorMessage(body: string): string {
  try {
    const parsed = errorBody.safeParse(JSON.parse(body));
    if (parsed.success) return parsed.data.error;
  } catch {
    // not JSON: the raw text says more than a parse error would
  }
  return body.slice(0, 200) || '(empty body)';
}
