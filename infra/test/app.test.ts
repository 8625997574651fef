/**
 * The whole app: cdk-nag's AwsSolutions pack finds no error on any stack in either stage or with
 * the ECS user tower (each remaining finding is acknowledged with a reason in the code), secrets
 * hold no value in the template, and a missing model export fails synth naming the key.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { App } from 'aws-cdk-lib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMovierecApp } from '../lib/app.js';
import { loadDeploymentConfig } from '../lib/config.js';
import { synthesizeApp } from './support/app-fixture.js';

const errorsOf = (report: Awaited<ReturnType<typeof synthesizeApp>>['nagReport']) =>
  (report?.pluginReports ?? []).flatMap((p) =>
    p.violations.filter((v) => v.severity === 'error').map((v) => v.ruleName),
  );

describe('the CDK app', () => {
  it.each([
    ['dev, SageMaker serverless', {}],
    ['prod, SageMaker instances', { stage: 'prod', userTower: 'instance' }],
    ['dev, TF Serving on ECS', { userTower: 'ecs' }],
  ])(
    'passes cdk-nag (AwsSolutions) with no error: %s',
    async (_, context) => {
      const app = await synthesizeApp(context);
      try {
        expect(errorsOf(app.nagReport)).toEqual([]);
        const counts = Object.fromEntries(
          Object.entries(app.stacks).map(([name, stack]) => [
            name,
            Object.keys(Template.fromStack(stack).toJSON().Resources ?? {}).length,
          ]),
        );
        console.log(`resources per stack (${_}): ${JSON.stringify(counts)}`);
        expect(Object.values(counts).every((n) => n > 0)).toBe(true);
      } finally {
        app.close();
      }
    },
    300_000,
  );

  it('creates the secrets with empty placeholders only', async () => {
    const app = await synthesizeApp();
    try {
      const secrets = Template.fromStack(app.stacks.secrets).findResources('AWS::SecretsManager::Secret');
      expect(Object.keys(secrets)).toHaveLength(3);
      for (const secret of Object.values(secrets)) {
        expect(secret.Properties.SecretString).toBeUndefined();
        const template = JSON.parse(secret.Properties.GenerateSecretString.SecretStringTemplate) as Record<
          string,
          string
        >;
        expect(Object.values(template).every((v) => v === '')).toBe(true);
      }
    } finally {
      app.close();
    }
  }, 300_000);

  it('fails synth naming modelDir when there is no model export', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'no-export-'));
    try {
      const config = loadDeploymentConfig((key) => ({ modelDir: dir, webDist: dir })[key]);
      await expect(
        buildMovierecApp(new App({ outdir: join(dir, 'out') }), config, { archiveDir: dir }),
      ).rejects.toThrow(new RegExp(`${dir}.*npm run cli -- train`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
