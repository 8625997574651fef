/**
 * S3: downloads an object to a local file once (the deployed ingest job reads the model export's
 * movie embeddings from the deployment's asset in S3).
 * @module
 */
export { downloadObject, parseS3Uri } from './download.js';
