/**
 * The user tower served by TF Serving's REST API.
 * @module
 */
export { createTfServingEncoder, type TfServingEncoderOptions } from './tf-serving-encoder.js';
export { tfServingModelStatus, type TfServingModelStatus } from './model-status.js';
export { DEFAULT_HISTORY_LENGTH } from './user-tower-predict.js';
