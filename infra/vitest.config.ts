import { defineProject } from 'vitest/config';

/** Synthesizing bundles every function with esbuild: slow on two cores, hence the long hook timeout. */
export default defineProject({ test: { name: 'infra', environment: 'node', hookTimeout: 240_000 } });
