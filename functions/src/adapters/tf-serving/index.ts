/**
 * The user tower served by TF Serving's REST API.
 * @module
 */
export { createTfServingEncoder, type TfServingEncoderOptions } from './tf-serving-encoder.js';
export { tfServingModelStatus, type TfServingModelStatus } from './model-status.js';
export {
  checkHistoryLength,
  DEFAULT_HISTORY_LENGTH,
  parseUserTowerPredictResponse,
  tfServingErrorMessage,
  userTowerPredictBody,
} from './user-tower-predict.js';
