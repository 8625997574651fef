/**
 * The whole CDK app synthesized offline over a tiny model export and web build written to a temp
 * folder (no AWS credentials, no network; esbuild bundles each function), for the stack tests.
 */
import { App } from 'aws-cdk-lib';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildMovierecApp, type MovierecStacks } from '../../lib/app.js';
import { loadDeploymentConfig } from '../../lib/config.js';

const EXPORT_FILES: Record<string, string> = {
  'user_tower.safetensors': 'weights',
  'movie_embeddings.npy': 'embeddings',
  'models/models.config': 'model_config_list {}',
  'models/user_tower/1/saved_model.pb': 'graph',
  'models/user_tower/1/variables/variables.index': 'index',
  'web/index.html': '<!doctype html><title>movierec</title><script type="module" src="/assets/index-abc.js"></script>',
  'web/assets/index-abc.js': 'console.log(1)',
};

export interface AppFixture {
  stacks: MovierecStacks;
  /** The validation report cdk-nag wrote (null: it found nothing). */
  nagReport: { pluginReports: { violations: { ruleName: string; severity: string }[] }[] } | null;
  dir: string;
  close(): void;
}

/** Context as `-c key=value` would give it; the model export and web build point at the fixture. */
export async function synthesizeApp(context: Record<string, unknown> = {}): Promise<AppFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'movierec-app-'));
  for (const [path, content] of Object.entries(EXPORT_FILES)) {
    mkdirSync(dirname(join(dir, 'export', path)), { recursive: true });
    writeFileSync(join(dir, 'export', path), content);
  }
  const outdir = join(dir, 'cdk.out');
  const app = new App({ outdir });
  const values: Record<string, unknown> = {
    modelDir: join(dir, 'export'),
    webDist: join(dir, 'export', 'web'),
    ...context,
  };
  const config = loadDeploymentConfig((key) => values[key]);
  const stacks = await buildMovierecApp(app, config, {
    env: { account: '111111111111', region: 'eu-west-1' },
    archiveDir: join(dir, 'archive'),
  });
  app.synth();
  let nagReport: AppFixture['nagReport'] = null;
  try {
    nagReport = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf-8')) as AppFixture['nagReport'];
  } catch {
    // no report: no finding
  }
  return { stacks, nagReport, dir, close: () => rmSync(dir, { recursive: true, force: true }) };
}
