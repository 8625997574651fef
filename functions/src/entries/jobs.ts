/** The composed runtime and jobs (ingestion, Trending) the CLI runs, as the Lambda handlers do. */
export * from '../composition/jobs.js';
export * from '../composition/runtime.js';
