/**
 * The whole deployment as one function of the typed config, so `bin/movierec.ts` and the tests
 * build the same stacks: secrets, the user tower, the API, the jobs and the web app, checked by
 * cdk-nag's AwsSolutions pack.
 */
import { type App, type Environment, Fn, Validations } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { ApiStack } from './api-stack.js';
import type { DeploymentConfig } from './config.js';
import { JobsStack } from './jobs-stack.js';
import { packageUserTower } from './model-archive.js';
import { exportFile, MOVIE_EMBEDDINGS } from './model-export.js';
import { ModelStack } from './model-stack.js';
import { SecretsStack } from './secrets-stack.js';
import { WebStack } from './web-stack.js';

export interface MovierecStacks {
  secrets: SecretsStack;
  model: ModelStack;
  api: ApiStack;
  jobs: JobsStack;
  web: WebStack;
}

/**
 * The deployed export's version: the first 12 hex digits of its movie_embeddings.npy's sha256 (the
 * user tower and the vectors come from one export, so one names both).
 */
async function exportVersion(modelDir: string): Promise<string> {
  const file = exportFile(modelDir, MOVIE_EMBEDDINGS);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex').slice(0, 12);
}

/** Builds every stack on `app`; `archiveDir` is where the SageMaker model.tar.gz is packaged. */
export async function buildMovierecApp(
  app: App,
  config: DeploymentConfig,
  { env, archiveDir }: { env?: Environment; archiveDir: string },
): Promise<MovierecStacks> {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const name = (part: string) => `Movierec-${config.stage}-${part}`;
  const logRetention = config.logRetentionDays as RetentionDays;
  const secrets = new SecretsStack(app, name('Secrets'), { env, stage: config.stage });
  const archive =
    config.userTower.kind === 'ecs' ? undefined : (await packageUserTower(config.modelDir, archiveDir)).archive;
  const modelVersion = await exportVersion(config.modelDir);
  const qdrantCollection = `movies-${modelVersion}`;
  const model = new ModelStack(app, name('Model'), {
    env,
    stage: config.stage,
    exportDir: config.modelDir,
    userTowerArchive: archive,
    hosting: config.userTower,
    modelVersion,
    logRetention,
  });
  const jobs = new JobsStack(app, name('Jobs'), { env, config, secrets: secrets.secrets, qdrantCollection });
  const api = new ApiStack(app, name('Api'), {
    env,
    config,
    secrets: secrets.secrets,
    userTower: model.userTower,
    qdrantCollection,
  });
  // Order: the new collection is filled (jobs), then the new endpoint created (model; a failed
  // ingestion stops the deploy before the old endpoint is replaced), then the API moves to both.
  model.addStackDependency(jobs);
  api.addStackDependency(model);
  api.addStackDependency(jobs);
  const web = new WebStack(app, name('Web'), {
    env,
    stage: config.stage,
    webDist: config.webDist,
    // https://<id>.execute-api.<region>.amazonaws.com → the host CloudFront forwards /api/* to.
    apiDomainName: Fn.select(2, Fn.split('/', api.api.apiEndpoint)),
    logRetention,
  });
  return { secrets, model, api, jobs, web };
}
