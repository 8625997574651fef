/** The CDK app: `npx cdk synth` / `npx cdk deploy --all` (cdk.json at the repository root runs this). */
import { App } from 'aws-cdk-lib';
import { buildMovierecApp } from '../lib/app.js';
import { loadDeploymentConfig } from '../lib/config.js';

const app = new App();
const config = loadDeploymentConfig((key) => app.node.tryGetContext(key));
const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };

await buildMovierecApp(app, config, { env, archiveDir: '.data/model-archive' });
