/**
 * The user tower's hosting stack synthesized offline, from a small fake export, for each hosting
 * kind: the SageMaker endpoint (TF Serving inference container over the archive, serverless or
 * instances, fixed endpoint name, least-privilege role and grant) and the ECS alternative (the
 * tf-serving image on Fargate behind an internal load balancer reachable from one security group).
 * Every kind passes cdk-nag's AWS Solutions checks with no error left.
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelExportError, packageUserTower } from '../lib/model-archive.js';
import { ModelStack, type ModelStackProps, type UserTowerHosting } from '../lib/model-stack.js';

const ENV = { account: '111111111111', region: 'eu-west-1' };
const SERVERLESS: UserTowerHosting = { kind: 'serverless', memoryMb: 2048, maxConcurrency: 5 };
const INSTANCE: UserTowerHosting = { kind: 'instance', instanceType: 'ml.c7i.large', instanceCount: 2 };
const ECS: UserTowerHosting = { kind: 'ecs', cpu: 1024, memoryMib: 2048, desiredCount: 2 };

let work: string;
let exportDir: string;
let archive: string;

/** A training export in miniature (path → content). */
const EXPORT_FILES: Record<string, string> = {
  'models/models.config': 'model_config_list {}',
  'models/user_tower/3/saved_model.pb': 'graph',
  'models/user_tower/3/variables/variables.index': 'index',
  'models/content_tower/3/saved_model.pb': 'content graph',
};

function writeExport(dir: string, files: Record<string, string>): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'model-stack-'));
  exportDir = writeExport(join(work, 'export'), EXPORT_FILES);
  ({ archive } = await packageUserTower(exportDir, join(work, 'archive')));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Synthesized {
  stack: ModelStack;
  template: Template;
  /** A stack standing in for the API's, whose function role was granted the user tower. */
  consumer: Template;
  outdir: string;
  /** Every error cdk-nag left unacknowledged, as "rule at construct path". */
  nagErrors: string[];
}

function synthesize(hosting: UserTowerHosting, props: Partial<ModelStackProps> = {}): Synthesized {
  const outdir = mkdtempSync(join(work, 'cdk-'));
  const app = new App({ outdir });
  const stack = new ModelStack(app, 'Test-Model', {
    stage: 'dev',
    exportDir,
    userTowerArchive: archive,
    hosting,
    modelVersion: 'abc123def456',
    logRetention: RetentionDays.ONE_WEEK,
    ...props,
  });
  const consumerStack = new Stack(app, 'Test-Consumer', { env: props.env });
  stack.userTower.grantInvoke(
    new Role(consumerStack, 'FunctionRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') }),
  );
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  let nagErrors: string[] = [];
  try {
    app.synth();
  } catch (error) {
    // A failed validation leaves its report; any other synth error is the test's failure.
    if (!existsSync(join(outdir, 'validation-report.json'))) throw error;
    nagErrors = validationErrors(outdir);
  }
  return { stack, template: Template.fromStack(stack), consumer: Template.fromStack(consumerStack), outdir, nagErrors };
}

interface ValidationReport {
  pluginReports: {
    violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

function validationErrors(outdir: string): string[] {
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations
      .filter((v) => v.severity === 'error')
      .flatMap((v) => v.violatingConstructs.map((c) => `${v.ruleName} at ${c.constructPath}`)),
  );
}

/** The only resource of `type` in the template, with its logical id. */
function only(template: Template, type: string): { id: string; properties: Record<string, unknown> } {
  const found = Object.entries(template.findResources(type));
  expect(found, type).toHaveLength(1);
  const [id, resource] = found[0]!;
  return { id, properties: resource.Properties as Record<string, unknown> };
}

interface Statement {
  Action: string | string[];
  Resource: unknown;
}

function statementsOf(template: Template): Statement[] {
  const roles = Object.values(template.findResources('AWS::IAM::Role'));
  const policies = Object.values(template.findResources('AWS::IAM::Policy'));
  const documents = [
    ...roles.flatMap((r) => (r.Properties.Policies ?? []).map((p: { PolicyDocument: unknown }) => p.PolicyDocument)),
    ...policies.map((p) => p.Properties.PolicyDocument),
  ] as { Statement: Statement[] }[];
  return documents.flatMap((d) => d.Statement);
}

const actionsOf = (statement: Statement) => [statement.Action].flat();

describe('the SageMaker user tower, serverless by default', () => {
  let synthesized: Synthesized;
  beforeAll(() => {
    synthesized = synthesize(SERVERLESS);
  });

  it('runs the TensorFlow Serving inference container from the DLC account of the region', () => {
    const image = JSON.stringify(
      synthesized.stack.resolve(only(synthesized.template, 'AWS::SageMaker::Model').properties),
    );
    expect(image).toContain('/tensorflow-inference:2.19.0-cpu');
    // A region-agnostic stack looks the DLC account up at deploy time.
    expect(image).toContain('"Fn::FindInMap":["DlcRepositoryAccountMap",{"Ref":"AWS::Region"}');
    const mapping = synthesized.template.toJSON().Mappings.DlcRepositoryAccountMap;
    expect(mapping['us-east-1']).toEqual({ value: '763104351884' });
  });

  it('serves the archive, uploaded as the stack asset that ModelDataUrl points to', () => {
    const { stack, template, outdir } = synthesized;
    const asset = stack.node.findChild('UserTower').node.findChild('ModelArchive') as Asset;
    template.hasResourceProperties('AWS::SageMaker::Model', {
      PrimaryContainer: { ModelDataUrl: stack.resolve(asset.s3ObjectUrl) },
    });
    expect(readFileSync(join(outdir, asset.assetPath))).toEqual(readFileSync(archive));
  });

  it('has a serverless variant with the configured memory and concurrency', () => {
    const { id: modelId } = only(synthesized.template, 'AWS::SageMaker::Model');
    synthesized.template.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          ModelName: { 'Fn::GetAtt': [modelId, 'ModelName'] },
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
          InstanceType: Match.absent(),
        },
      ],
    });
  });

  it('generates the model and config names, and names the endpoint by the model version', () => {
    const { template } = synthesized;
    expect(only(template, 'AWS::SageMaker::Model').properties.ModelName).toBeUndefined();
    const config = only(template, 'AWS::SageMaker::EndpointConfig');
    expect(config.properties.EndpointConfigName).toBeUndefined();
    template.hasResourceProperties('AWS::SageMaker::Endpoint', {
      EndpointName: 'movierec-dev-user-tower-abc123def456',
      EndpointConfigName: { 'Fn::GetAtt': [config.id, 'EndpointConfigName'] },
    });
    expect(synthesized.stack.userTower.environment).toEqual({
      SAGEMAKER_ENDPOINT: 'movierec-dev-user-tower-abc123def456',
    });
    expect(synthesized.stack.userTower.network).toBeUndefined();
  });

  it('gives the container a role that reads only the archive object and pulls only the DLC repository', () => {
    const { stack, template } = synthesized;
    const asset = stack.node.findChild('UserTower').node.findChild('ModelArchive') as Asset;
    const statements = statementsOf(template);
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: stack.resolve(asset.bucket.arnForObjects(asset.s3ObjectKey)),
      },
    ]);
    const pull = statements.find((s) => actionsOf(s).includes('ecr:BatchGetImage'));
    expect(JSON.stringify(pull?.Resource)).toContain(':repository/tensorflow-inference');
    const unscoped = statements.filter((s) => s.Resource === '*').flatMap(actionsOf);
    expect(unscoped.sort()).toEqual(['cloudwatch:PutMetricData', 'ecr:GetAuthorizationToken']);
  });

  it('keeps the endpoint logs for the configured days', () => {
    synthesized.template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/sagemaker/Endpoints/movierec-dev-user-tower-abc123def456',
      RetentionInDays: 7,
    });
  });

  it('grants the functions sagemaker:InvokeEndpoint on that endpoint only, with no cross-stack export', () => {
    const statements = statementsOf(synthesized.consumer);
    expect(statements).toHaveLength(1);
    expect(statements[0]!.Action).toBe('sagemaker:InvokeEndpoint');
    expect(JSON.stringify(statements[0]!.Resource)).toMatch(/:endpoint\/movierec-dev-user-tower-abc123def456"\]\]\}$/);
    expect(JSON.stringify(synthesized.consumer.toJSON())).not.toContain('Fn::ImportValue');
  });

  it('passes the AWS Solutions checks', () => {
    expect(synthesized.nagErrors).toEqual([]);
  });
});

describe('the SageMaker user tower on instances', () => {
  let synthesized: Synthesized;
  beforeAll(() => {
    synthesized = synthesize(INSTANCE, { env: ENV, tfServingImageTag: '2.18.0-cpu' });
  });

  it('has an instance variant of the configured type and count, on an isolated container', () => {
    const { template } = synthesized;
    template.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      ProductionVariants: [{ InstanceType: 'ml.c7i.large', InitialInstanceCount: 2, ServerlessConfig: Match.absent() }],
    });
    const model = only(template, 'AWS::SageMaker::Model').properties;
    expect(model.EnableNetworkIsolation).toBe(true);
    // The account and region are literal in a stack with an env; the URL suffix stays a token.
    expect(JSON.stringify(model.PrimaryContainer)).toMatch(
      /"763104351884\.dkr\.ecr\.eu-west-1\.",\{"Ref":"AWS::URLSuffix"\},"\/tensorflow-inference:2\.18\.0-cpu"/,
    );
  });

  it('passes the AWS Solutions checks', () => {
    expect(synthesized.nagErrors).toEqual([]);
  });
});

describe('the SageMaker hosting settings', () => {
  it.each([
    [{ ...SERVERLESS, memoryMb: 1500 }, /memoryMb must be one of 1024, 2048, 3072, 4096, 5120, 6144 \(got 1500\)/],
    [{ ...SERVERLESS, memoryMb: 8192 }, /memoryMb must be one of/],
    [{ ...SERVERLESS, maxConcurrency: 0 }, /maxConcurrency must be a whole number from 1 to 200/],
    [{ ...INSTANCE, instanceType: 'c7i.large' }, /instanceType must be a SageMaker instance type/],
    [{ ...INSTANCE, instanceCount: 0 }, /instanceCount must be a whole number/],
  ] as [UserTowerHosting, RegExp][])('refuses %o', (hosting, message) => {
    expect(() => synthesize(hosting)).toThrow(message);
  });

  it('needs the archive built beforehand', () => {
    expect(() => synthesize(SERVERLESS, { userTowerArchive: undefined })).toThrow(/needs userTowerArchive/);
  });
});

describe('the ECS user tower', () => {
  let synthesized: Synthesized;
  beforeAll(() => {
    synthesized = synthesize(ECS, { env: ENV });
  });

  it('runs the tf-serving image, with the export as its model build context, on port 8501', () => {
    const { template, outdir } = synthesized;
    const manifest = JSON.parse(readFileSync(join(outdir, 'Test-Model.assets.json'), 'utf8'));
    const images = Object.entries(manifest.dockerImages) as [string, { source: Record<string, unknown> }][];
    expect(images).toHaveLength(1);
    const [hash, { source }] = images[0]!;
    expect(source).toMatchObject({
      dockerFile: 'Dockerfile',
      dockerBuildContexts: { model: realpathSync(exportDir) },
      platform: 'linux/amd64',
    });
    // Staged from tf-serving/: its Dockerfile (and .dockerignore), none of the rest (the .venv).
    const staged = readdirSync(join(outdir, source.directory as string));
    expect(staged).toContain('Dockerfile');
    expect(staged.filter((name) => !['Dockerfile', '.dockerignore'].includes(name))).toEqual([]);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: '1024',
      Memory: '2048',
      RuntimePlatform: { CpuArchitecture: 'X86_64', OperatingSystemFamily: 'LINUX' },
      ContainerDefinitions: [
        {
          Image: { 'Fn::Sub': Match.stringLikeRegexp(`:${hash}$`) },
          PortMappings: [{ ContainerPort: 8501, Protocol: 'tcp' }],
          LogConfiguration: {
            LogDriver: 'awslogs',
            Options: Match.objectLike({ 'awslogs-stream-prefix': 'tf-serving' }),
          },
        },
      ],
    });
  });

  it('makes the same image from another copy of the export, and a new one when the model changes', () => {
    const imageHash = (s: Synthesized) =>
      Object.keys(JSON.parse(readFileSync(join(s.outdir, 'Test-Model.assets.json'), 'utf8')).dockerImages);
    const copy = writeExport(join(work, 'copy'), EXPORT_FILES);
    const retrained = writeExport(join(work, 'retrained'), {
      ...EXPORT_FILES,
      'models/user_tower/3/variables/variables.index': 'retrained index',
    });

    expect(imageHash(synthesize(ECS, { env: ENV, exportDir: copy }))).toEqual(imageHash(synthesized));
    expect(imageHash(synthesize(ECS, { env: ENV, exportDir: retrained }))).not.toEqual(imageHash(synthesized));
  });

  it('rolls new tasks in before the old ones leave, and rolls back a deployment that fails', () => {
    synthesized.template.hasResourceProperties('AWS::ECS::Service', {
      LaunchType: 'FARGATE',
      DesiredCount: 2,
      DeploymentConfiguration: Match.objectLike({
        MinimumHealthyPercent: 100,
        MaximumPercent: 200,
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      }),
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
    });
  });

  it('is behind an internal load balancer that checks the user tower is loaded', () => {
    const { template } = synthesized;
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internal' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 8501,
      TargetType: 'ip',
      HealthCheckPath: '/v1/models/user_tower',
      Matcher: { HttpCode: '200' },
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 80, Protocol: 'HTTP' });
  });

  it('admits only the client security group, which it gives the functions with the VPC', () => {
    const { stack, template } = synthesized;
    const { userTower } = stack;
    const [client] = userTower.network!.securityGroups;
    const clientId = stack.resolve(client!.securityGroupId);
    const loadBalancerGroup = (
      only(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer').properties.SecurityGroups as unknown[]
    )[0];
    const rules = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties);
    expect(rules.filter((r) => JSON.stringify(r.GroupId) === JSON.stringify(loadBalancerGroup))).toEqual([
      expect.objectContaining({ FromPort: 80, ToPort: 80, SourceSecurityGroupId: clientId }),
    ]);
    const groups = Object.values(template.findResources('AWS::EC2::SecurityGroup'));
    expect(JSON.stringify(groups)).not.toContain('"SecurityGroupIngress"');
    expect(stack.resolve(userTower.network!.vpc.vpcId)).toEqual({ Ref: expect.stringMatching(/^UserTowerVpc/) });
    expect(stack.resolve(userTower.environment)).toEqual({
      TF_SERVING_URL: { 'Fn::Join': ['', ['http://', { 'Fn::GetAtt': [expect.any(String), 'DNSName'] }]] },
    });
    expect(statementsOf(synthesized.consumer)).toEqual([]);
  });

  it('has two zones, one NAT gateway, flow logs and load balancer access logs', () => {
    const { template } = synthesized;
    template.resourceCountIs('AWS::EC2::Subnet', 4);
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      LogDestinationType: 'cloud-watch-logs',
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'access_logs.s3.enabled', Value: 'true' }]),
    });
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });

  it('passes the AWS Solutions checks', () => {
    expect(synthesized.nagErrors).toEqual([]);
  });

  it.each([
    [{ ...ECS, cpu: 1000 }, /cpu must be one of Fargate's 256, 512, 1024/],
    [{ ...ECS, memoryMib: 512 }, /memoryMib for cpu 1024 must be one of 2048, 3072, .*, 8192 \(got 512\)/],
    [{ ...ECS, desiredCount: 0 }, /desiredCount must be 1 or more/],
  ] as [UserTowerHosting, RegExp][])('refuses %o', (hosting, message) => {
    expect(() => synthesize(hosting, { env: ENV })).toThrow(message);
  });

  it('needs a stack with a known region', () => {
    expect(() => synthesize(ECS)).toThrow(/needs a stack with a known region/);
  });

  it('fails naming the export when it has no models', () => {
    expect(() => synthesize(ECS, { env: ENV, exportDir: join(work, 'nowhere') })).toThrow(ModelExportError);
  });
});
