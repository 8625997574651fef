/**
 * Builds the user tower's model.tar.gz for the SageMaker endpoint by hand (the CDK app does the
 * same before synth) and prints `{ archive, version, sha256 }` as JSON:
 *
 *   npx tsx infra/bin/package-model.ts [exportDir] [outDir]
 *
 * Defaults: the latest training export and `.data/model-archive`, both under the repository root.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageUserTower } from '../lib/model-archive.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const [exportDir = resolve(REPO_ROOT, '.data/runs/latest-model'), outDir = resolve(REPO_ROOT, '.data/model-archive')] =
  process.argv.slice(2);

try {
  console.log(JSON.stringify(await packageUserTower(resolve(exportDir), resolve(outDir)), null, 2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
