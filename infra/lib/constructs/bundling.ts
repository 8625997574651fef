/**
 * How every function is bundled, in one place: the CDK construct and the bundle report
 * (bin/bundle-report.ts) build the same bundle, so the sizes and cold starts reported are the
 * deployed ones.
 */
import { fileURLToPath } from 'node:url';

export const FUNCTIONS_SRC = fileURLToPath(new URL('../../../functions/src/', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Handler modules under functions/src/lambda/, each exporting `handler`. */
export const LAMBDA_ENTRIES = ['users', 'recommendations', 'movies', 'system', 'ingest', 'trending-refresh'] as const;
export type LambdaEntry = (typeof LAMBDA_ENTRIES)[number];

export const entryFile = (entry: LambdaEntry) => `${FUNCTIONS_SRC}lambda/${entry}.ts`;

/**
 * Left out of every bundle: the AWS SDK (the Node 22 runtime provides it), and what a deployed
 * function never loads — PGlite and node-postgres (Lambda uses the Neon driver; both are imported
 * only for their driver), ws (Node 22 has WebSocket), swagger-ui-dist (its files are shipped
 * beside the bundle and read from disk) and usearch (the embedded index's native graph: deployed
 * functions search Qdrant).
 */
export const EXTERNAL_MODULES = [
  '@aws-sdk/*',
  '@electric-sql/pglite',
  'kysely-pglite-dialect',
  'pg',
  'pg-native',
  'ws',
  'swagger-ui-dist',
  'usearch',
];

/** ESM bundles still meet CommonJS dependencies that call require(). */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/** The files /api/docs serves, copied to the bundle's node_modules so module resolution finds them. */
export const SWAGGER_UI_FILES = [
  'package.json',
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
];

export const NODE_TARGET = 'node24';

/** The bundle size every function must stay within (cold start grows with the code to compile). */
export const BUNDLE_BUDGET_BYTES = 1.5 * 1024 * 1024;

/** esbuild options equal to NodejsFunction's bundling below, for the bundle report and its test. */
export const esbuildOptions = (entry: LambdaEntry, outfile: string) => ({
  entryPoints: [entryFile(entry)],
  outfile,
  bundle: true,
  platform: 'node' as const,
  format: 'esm' as const,
  target: NODE_TARGET,
  minify: true,
  sourcemap: true,
  external: EXTERNAL_MODULES,
  banner: { js: ESM_REQUIRE_BANNER },
  logLevel: 'warning' as const,
});
