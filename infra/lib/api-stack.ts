/**
 * The API: an HTTP API whose routes send each endpoint group to its own Lambda function (users,
 * recommendations, movies with genres, system), throttled, with JSON access logs.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { DeploymentConfig } from './config.js';
import { HonoFunction } from './constructs/hono-function.js';

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

export interface ApiStackProps extends StackProps {
  config: DeploymentConfig;
}

export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly functions: Record<EndpointGroup, HonoFunction>;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logRetention = config.logRetentionDays as RetentionDays;
    this.api = new HttpApi(this, 'Api', { apiName: `movierec-${config.stage}`, createDefaultStage: false });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: config.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(new LogGroup(this, 'AccessLogs', { retention: logRetention })),
      },
    });
    const groups = Object.keys(ENDPOINT_GROUPS) as EndpointGroup[];
    this.functions = Object.fromEntries(
      groups.map((group) => [group, this.groupFunction(group, config, logRetention)]),
    ) as Record<EndpointGroup, HonoFunction>;
  }

  private groupFunction(group: EndpointGroup, config: DeploymentConfig, logRetention: RetentionDays): HonoFunction {
    const fn = new HonoFunction(this, `${group[0]!.toUpperCase()}${group.slice(1)}`, {
      entry: group,
      memoryMb: config.functionMemoryMb,
      logRetention,
      environment: { LOG_LEVEL: 'info' },
    });
    const integration = new HttpLambdaIntegration(`${group}-integration`, fn.function);
    for (const prefix of ENDPOINT_GROUPS[group])
      for (const path of [prefix, `${prefix}/{proxy+}`])
        this.api.addRoutes({ path, methods: [HttpMethod.ANY], integration });
    return fn;
  }
}
