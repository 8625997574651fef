/**
 * The jobs, on the same code as the API: the Trending refresh on a schedule (EventBridge
 * Scheduler, daily by default) and the ingestion of the deployed export's movie embeddings into
 * this model version's Qdrant collection — run during every deploy that changes the embeddings
 * file (a CDK trigger the API stack waits for; the load is resumable, so a deploy that timed out
 * continues where it stopped), or by hand (docs/deployment.md).
 */
import { type CfnElement, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { InvocationType, Trigger } from 'aws-cdk-lib/triggers';
import type { Construct } from 'constructs';
import type { DeploymentConfig } from './config.js';
import { HonoFunction } from './constructs/hono-function.js';
import { acknowledgeLambdaBasics, secretEnvironment } from './function-access.js';
import { exportFile, MOVIE_EMBEDDINGS } from './model-export.js';
import type { SecretName } from './secrets-stack.js';

/**
 * Under the trigger provider's own 15 minutes, so a load that runs out of time fails the deploy
 * at once instead of leaving CloudFormation waiting an hour for an answer that never comes.
 */
const INGEST_TIMEOUT = Duration.minutes(14);
/** Where the ingest function keeps the downloaded file between warm invocations. */
const INGEST_MODEL_DIR = '/tmp/movierec/model';

export interface JobsStackProps extends StackProps {
  config: DeploymentConfig;
  secrets: Record<SecretName, ISecret>;
  /** The Qdrant collection for this model version's movie vectors. */
  qdrantCollection: string;
}

export class JobsStack extends Stack {
  readonly trendingRefresh: HonoFunction;
  readonly ingest: HonoFunction;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);
    const { config, secrets } = props;
    const logRetention = config.logRetentionDays as RetentionDays;

    this.trendingRefresh = new HonoFunction(this, 'TrendingRefresh', {
      entry: 'trending-refresh',
      memoryMb: 1024,
      logRetention,
      timeout: Duration.minutes(5),
      environment: { LOG_LEVEL: 'info', ...secretEnvironment(secrets, ['database']) },
    });
    secrets.database.grantRead(this.trendingRefresh.function);
    // Its own role, allowed to invoke this one function only (the default one may invoke any version).
    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
    });
    schedulerRole.addToPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [this.trendingRefresh.function.functionArn],
      }),
    );
    this.schedule = new Schedule(this, 'TrendingSchedule', {
      description: 'Recomputes Trending from the latest ratings',
      schedule: ScheduleExpression.expression(config.trendingSchedule),
      target: new LambdaInvoke(this.trendingRefresh.function, { retryAttempts: 2, role: schedulerRole }),
    });
    const fnId = this.getLogicalId(this.trendingRefresh.function.node.defaultChild as CfnElement);
    Validations.of(schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`,
      reason:
        "The scheduler target grants invoke on the function's versions too (ARN:*): still this one function only.",
    });

    const embeddings = this.embeddingsAsset(config.modelDir);
    this.ingest = new HonoFunction(this, 'Ingest', {
      entry: 'ingest',
      memoryMb: 2048,
      logRetention,
      timeout: INGEST_TIMEOUT,
      ephemeralStorageMb: 2048,
      environment: {
        LOG_LEVEL: 'info',
        ...secretEnvironment(secrets, ['database', 'qdrant']),
        EMBEDDINGS_S3_URI: embeddings.s3ObjectUrl,
        QDRANT_COLLECTION: props.qdrantCollection,
        MODEL_DIR: INGEST_MODEL_DIR,
      },
    });
    for (const name of ['database', 'qdrant'] as const) secrets[name].grantRead(this.ingest.function);
    // Only the one embeddings object of this deploy, nothing else in the assets bucket.
    this.ingest.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [`arn:${this.partition}:s3:::${embeddings.s3BucketName}/${embeddings.s3ObjectKey}`],
      }),
    );
    // Synchronous: the API stack (which depends on this one) moves to the new collection only once it is filled.
    new Trigger(this, 'IngestAfterDeploy', {
      handler: this.ingest.function,
      invocationType: InvocationType.REQUEST_RESPONSE,
      timeout: INGEST_TIMEOUT,
      executeOnHandlerChange: true,
    });
    for (const fn of [this.trendingRefresh.function, this.ingest.function]) acknowledgeLambdaBasics(fn);
  }

  private embeddingsAsset(modelDir: string): Asset {
    return new Asset(this, 'MovieEmbeddings', { path: exportFile(modelDir, MOVIE_EMBEDDINGS) });
  }
}
