/**
 * The API: an HTTP API whose routes send each endpoint group to its own Lambda function (users,
 * recommendations, movies with genres, system), throttled, with JSON access logs, alarms and a
 * dashboard. Each function gets only what its routes use: its secrets, and for recommendations
 * and status the user tower (the endpoint to invoke, and its weights as a layer for the
 * in-process fallback).
 */
import { CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Architecture, Code, LayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { DeploymentConfig } from './config.js';
import { ApiMonitoring } from './constructs/api-monitoring.js';
import { HonoFunction } from './constructs/hono-function.js';
import { acknowledgeLambdaBasics, secretEnvironment } from './function-access.js';
import { exportFile, USER_TOWER_WEIGHTS } from './model-export.js';
import type { UserTowerEndpoint } from './model-stack.js';
import type { SecretName } from './secrets-stack.js';

/**
 * Which paths each group's function answers: every prefix as itself and with anything below it.
 * The functions' own Hono apps redirect a path without its trailing slash to the documented one.
 */
export const ENDPOINT_GROUPS = {
  users: ['/api/users'],
  recommendations: ['/api/recommendations'],
  movies: ['/api/movies', '/api/genres'],
  system: ['/api/health', '/api/status', '/api/openapi.json', '/api/docs'],
} as const;

export type EndpointGroup = keyof typeof ENDPOINT_GROUPS;

/** The secrets each group reads (least privilege: nothing else is granted). */
export const GROUP_SECRETS: Record<EndpointGroup, SecretName[]> = {
  users: ['database'],
  movies: ['database', 'tmdb'],
  recommendations: ['database', 'qdrant'],
  // /api/status probes every backend the API uses.
  system: ['database', 'qdrant', 'tmdb'],
};

/** The groups that encode users: they call the served user tower and carry its weights. */
const USES_USER_TOWER: ReadonlySet<EndpointGroup> = new Set(['recommendations', 'system']);

/** Where Lambda mounts a layer's files. */
const LAYER_ROOT = '/opt';

export interface ApiStackProps extends StackProps {
  config: DeploymentConfig;
  secrets: Record<SecretName, ISecret>;
  userTower: UserTowerEndpoint;
  /** The Qdrant collection holding this model version's movie vectors (filled by the jobs stack first). */
  qdrantCollection: string;
}

export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly functions: Record<EndpointGroup, HonoFunction>;
  readonly monitoring: ApiMonitoring;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logRetention = config.logRetentionDays as RetentionDays;
    this.api = new HttpApi(this, 'Api', { apiName: `movierec-${config.stage}`, createDefaultStage: false });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: config.throttle,
      detailedMetricsEnabled: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(new LogGroup(this, 'AccessLogs', { retention: logRetention })),
      },
    });
    const weights = this.userTowerWeights(config.modelDir);
    const groups = Object.keys(ENDPOINT_GROUPS) as EndpointGroup[];
    this.functions = Object.fromEntries(
      groups.map((group) => [group, this.groupFunction(group, props, logRetention, weights)]),
    ) as Record<EndpointGroup, HonoFunction>;
    this.monitoring = new ApiMonitoring(this, 'Monitoring', {
      api: this.api,
      stageName: stage.stageName,
      routes: Object.fromEntries(
        groups.map((group) => [group, ENDPOINT_GROUPS[group].flatMap((p) => [p, `${p}/{proxy+}`])]),
      ),
      functions: Object.fromEntries(groups.map((group) => [group, this.functions[group].function])),
      serverErrorRate: config.alarms.serverErrorRate,
      p99LatencyMs: config.alarms.p99LatencyMs,
      email: config.alarms.email,
      dashboardName: `movierec-${config.stage}-api`,
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'The API is public by design: reads are anonymous; writes are authorised inside the functions (a cold-start user token, DEMO_WRITES for MovieLens users).',
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
  }

  /** The user tower's weights as a layer (mounted at /opt): the in-process fallback when the endpoint fails. */
  private userTowerWeights(modelDir: string): LayerVersion {
    exportFile(modelDir, USER_TOWER_WEIGHTS);
    return new LayerVersion(this, 'UserTowerWeights', {
      description: 'The user tower weights of the deployed model export',
      code: Code.fromAsset(modelDir, { exclude: ['*', `!${USER_TOWER_WEIGHTS}`] }),
      compatibleArchitectures: [Architecture.ARM_64],
      compatibleRuntimes: [Runtime.NODEJS_24_X],
    });
  }

  private groupFunction(
    group: EndpointGroup,
    { config, secrets, userTower, qdrantCollection }: ApiStackProps,
    logRetention: RetentionDays,
    weights: LayerVersion,
  ): HonoFunction {
    const encodes = USES_USER_TOWER.has(group);
    const fn = new HonoFunction(this, `${group[0]!.toUpperCase()}${group.slice(1)}`, {
      entry: group,
      memoryMb: config.functionMemoryMb,
      logRetention,
      environment: {
        LOG_LEVEL: 'info',
        ...secretEnvironment(secrets, GROUP_SECRETS[group]),
        ...(encodes ? { ...userTower.environment, MODEL_DIR: LAYER_ROOT, QDRANT_COLLECTION: qdrantCollection } : {}),
      },
      withSwaggerUi: group === 'system',
      layers: encodes ? [weights] : undefined,
      network: encodes ? userTower.network : undefined,
    });
    for (const name of GROUP_SECRETS[group]) secrets[name].grantRead(fn.function);
    if (encodes) userTower.grantInvoke(fn.function);
    acknowledgeLambdaBasics(fn.function);
    const integration = new HttpLambdaIntegration(`${group}-integration`, fn.function);
    for (const prefix of ENDPOINT_GROUPS[group])
      for (const path of [prefix, `${prefix}/{proxy+}`]) {
        const [route] = this.api.addRoutes({ path, methods: [HttpMethod.ANY], integration });
        Validations.of(route!).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: 'Public route by design: authorisation for writes happens in the function (see the API).',
        });
      }
    return fn;
  }
}
