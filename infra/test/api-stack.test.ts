/**
 * The API stack, synthesized offline with the rest of the app: every route reaches its group's
 * function; each function carries the shared defaults, the secrets' ARNs (never their values) and
 * only the grants its routes use; the stage is throttled and logged; alarms watch every route.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnElement } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINT_GROUPS, type EndpointGroup, GROUP_SECRETS } from '../lib/api-stack.js';
import { type AppFixture, synthesizeApp } from './support/app-fixture.js';

let app: AppFixture;
let template: Template;

beforeAll(async () => {
  app = await synthesizeApp();
  template = Template.fromStack(app.stacks.api);
}, 240_000);
afterAll(() => app?.close());

const GROUPS = Object.keys(ENDPOINT_GROUPS) as EndpointGroup[];
const logicalId = (element: unknown) => app.stacks.api.getLogicalId(element as CfnElement);
const functionId = (group: EndpointGroup) => logicalId(app.stacks.api.functions[group].function.node.defaultChild);
const functionOf = (group: EndpointGroup) => template.findResources('AWS::Lambda::Function')[functionId(group)]!;

/** Every statement of the policies attached to `group`'s function role. */
function statementsOf(group: EndpointGroup): { Action: string | string[]; Resource: unknown }[] {
  const role = functionOf(group).Properties.Role['Fn::GetAtt'][0] as string;
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

const actionsOf = (group: EndpointGroup) => statementsOf(group).flatMap((s) => [s.Action].flat());

describe('the API stack', () => {
  it('has one function per endpoint group, ARM64 on Node 24, with source maps and the Neon driver', () => {
    template.resourcePropertiesCountIs('AWS::Lambda::Function', { Architectures: ['arm64'] }, 4);
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Environment: {
        Variables: Match.objectLike({ NODE_OPTIONS: '--enable-source-maps', DATABASE_DRIVER: 'neon' }),
      },
    });
  });

  it('routes every path of a group, and everything below it, to that group', () => {
    const routes = template.findResources('AWS::ApiGatewayV2::Route');
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    const target = (routeKey: string) => {
      const route = Object.values(routes).find((r) => r.Properties.RouteKey === routeKey);
      expect(route, routeKey).toBeDefined();
      const integrationId = route!.Properties.Target['Fn::Join'][1][1].Ref as string;
      return JSON.stringify(integrations[integrationId]!.Properties.IntegrationUri);
    };
    for (const group of GROUPS)
      for (const prefix of ENDPOINT_GROUPS[group])
        for (const routeKey of [`ANY ${prefix}`, `ANY ${prefix}/{proxy+}`])
          expect(target(routeKey), routeKey).toContain(functionId(group));
  });

  it('gives each function the ARNs of its secrets only, never a credential', () => {
    for (const group of GROUPS) {
      const variables = functionOf(group).Properties.Environment.Variables as Record<string, unknown>;
      const secretVariables = Object.keys(variables).filter((k) => k.endsWith('_SECRET_ARN'));
      expect(secretVariables.sort(), group).toEqual(
        GROUP_SECRETS[group].map((n) => `${n.toUpperCase()}_SECRET_ARN`).sort(),
      );
      expect(JSON.stringify(variables)).not.toMatch(
        /postgres(ql)?:\/\/|apiKey|DATABASE_URL|QDRANT_API_KEY|TMDB_API_KEY/,
      );
    }
  });

  it('grants each function only what its routes use', () => {
    for (const group of GROUPS) {
      const reads = statementsOf(group).filter((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'));
      expect(reads, group).toHaveLength(GROUP_SECRETS[group].length);
    }
    expect(actionsOf('users')).not.toContain('sagemaker:InvokeEndpoint');
    expect(actionsOf('movies')).not.toContain('sagemaker:InvokeEndpoint');
    const invoke = statementsOf('recommendations').find((s) => s.Action === 'sagemaker:InvokeEndpoint');
    expect(JSON.stringify(invoke?.Resource)).toMatch(/:endpoint\/movierec-dev-user-tower-[0-9a-f]{12}"/);
    for (const group of GROUPS)
      expect(
        actionsOf(group).filter((a) => !/^(secretsmanager|sagemaker|logs|xray):/.test(a)),
        group,
      ).toEqual([]);
  });

  it('gives the functions that encode users the weights (a layer at /opt), the endpoint and the collection of one model version', () => {
    for (const group of GROUPS) {
      const { Layers, Environment } = functionOf(group).Properties;
      const encodes = group === 'recommendations' || group === 'system';
      expect(Boolean(Layers), group).toBe(encodes);
      expect(Environment.Variables.MODEL_DIR, group).toBe(encodes ? '/opt' : undefined);
      expect(Environment.Variables.SAGEMAKER_ENDPOINT ?? '', group).toMatch(
        encodes ? /^movierec-dev-user-tower-[0-9a-f]{12}$/ : /^$/,
      );
      expect(Environment.Variables.QDRANT_COLLECTION ?? '', group).toMatch(encodes ? /^movies-[0-9a-f]{12}$/ : /^$/);
    }
  });

  it('throttles the stage, writes access logs and per-route metrics', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100, DetailedMetricsEnabled: true },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
  });

  it('alarms on the 5xx rate and the p99 latency of every route, and has a dashboard', () => {
    const routes = GROUPS.flatMap((g) => ENDPOINT_GROUPS[g]).length * 2;
    template.resourceCountIs('AWS::CloudWatch::Alarm', routes * 2);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Latency',
      ExtendedStatistic: 'p99',
      Threshold: 3000,
      Dimensions: Match.arrayWith([{ Name: 'Resource', Value: '/api/recommendations/{proxy+}' }]),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 0.05,
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'IF(requests > 0, errors / requests, 0)' })]),
    });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('keeps every log group for the configured days', () => {
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });
});
