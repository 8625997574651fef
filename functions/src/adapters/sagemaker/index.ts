/**
 * The user tower on a SageMaker endpoint (TF Serving container).
 * @module
 */
export { createSageMakerEncoder, type SageMakerEncoderOptions } from './sagemaker-encoder.js';
