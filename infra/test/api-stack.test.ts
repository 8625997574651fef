/**
 * The API stack synthesized offline (no AWS credentials, no network; esbuild bundles each group's
 * handler): every route reaches its group's function, and the functions carry the shared defaults.
 */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiStack, ENDPOINT_GROUPS, type EndpointGroup } from '../lib/api-stack.js';
import { loadDeploymentConfig } from '../lib/config.js';

let stack: ApiStack;
let template: Template;

beforeAll(() => {
  const app = new App();
  stack = new ApiStack(app, 'Test-Api', { config: loadDeploymentConfig(() => undefined) });
  template = Template.fromStack(stack);
}, 240_000);

/** The logical id of the Lambda function behind `group`. */
const functionId = (group: EndpointGroup) =>
  stack.getLogicalId(stack.functions[group].function.node.defaultChild as never);

describe('the API stack', () => {
  it('has one function per endpoint group, ARM64 on Node 22, with source maps on', () => {
    template.resourcePropertiesCountIs('AWS::Lambda::Function', { Architectures: ['arm64'] }, 4);
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Environment: { Variables: Match.objectLike({ NODE_OPTIONS: '--enable-source-maps' }) },
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
    for (const group of Object.keys(ENDPOINT_GROUPS) as EndpointGroup[])
      for (const prefix of ENDPOINT_GROUPS[group])
        for (const routeKey of [`ANY ${prefix}`, `ANY ${prefix}/{proxy+}`])
          expect(target(routeKey), routeKey).toContain(functionId(group));
  });

  it('throttles the stage and writes access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
  });

  it('keeps every log group for the configured days', () => {
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });
});
