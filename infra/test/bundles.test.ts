/**
 * The functions' bundles, built as the CDK app builds them: each within the size budget, and the
 * users and movies functions free of the vector index and the user tower (they never load them,
 * and do not even bundle them).
 */
import { build, type Metafile } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGET_BYTES, esbuildOptions, LAMBDA_ENTRIES, type LambdaEntry } from '../lib/constructs/bundling.js';

const RECOMMENDATION_BACKENDS = [
  'functions/src/adapters/qdrant/',
  'functions/src/adapters/embedded-index/',
  'functions/src/adapters/in-process-encoder/',
  'functions/src/adapters/sagemaker/',
  'functions/src/adapters/tf-serving/',
  'node_modules/undici/',
];

const dir = mkdtempSync(join(tmpdir(), 'bundles-'));
const bundles = new Map<LambdaEntry, { inputs: string[]; bytes: number; staticExternals: string[] }>();

beforeAll(async () => {
  for (const entry of LAMBDA_ENTRIES) {
    const outfile = join(dir, entry, 'index.mjs');
    const { metafile } = (await build({ ...esbuildOptions(entry, outfile), metafile: true })) as { metafile: Metafile };
    const output = Object.entries(metafile.outputs).find(([path]) => path.endsWith('index.mjs'))![1];
    // What the bundle imports at load time from outside itself: it must exist in Lambda's runtime.
    const staticExternals = output.imports
      .filter((i) => i.external && i.kind === 'import-statement')
      .map((i) => i.path);
    bundles.set(entry, { inputs: Object.keys(metafile.inputs), bytes: output.bytes, staticExternals });
  }
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const including = (entry: LambdaEntry, parts: string[]) =>
  parts.filter((part) => bundles.get(entry)!.inputs.some((input) => input.includes(part)));

describe('Lambda bundles', () => {
  it.each(LAMBDA_ENTRIES)('%s stays within 1.5 MB', (entry) => {
    expect(bundles.get(entry)!.bytes).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
  });

  it.each(['users', 'movies'] as const)('%s bundles no vector index and no user tower', (entry) => {
    expect(including(entry, RECOMMENDATION_BACKENDS)).toEqual([]);
  });

  it('recommendations bundles Qdrant, SageMaker and the in-process tower', () => {
    expect(including('recommendations', RECOMMENDATION_BACKENDS)).toEqual(
      expect.arrayContaining(RECOMMENDATION_BACKENDS.slice(0, 4)),
    );
  });

  it.each(LAMBDA_ENTRIES)(
    '%s loads nothing at import that Lambda lacks (Node built-ins and the AWS SDK only)',
    (entry) => {
      const missing = bundles
        .get(entry)!
        .staticExternals.filter((path) => !isBuiltin(path) && !path.startsWith('@aws-sdk/'));
      expect(missing).toEqual([]);
    },
  );
});
