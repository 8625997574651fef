/**
 * The alternative to SageMaker: `tf-serving/Dockerfile` (the official TF Serving image with the
 * export's SavedModels and models.config baked in) on Fargate, behind an internal load balancer.
 * Access is by network only: the load balancer accepts traffic from `clientSecurityGroup` and
 * nothing else, so a function reaches it by running in `vpc` with that security group attached.
 *
 * A new model is a new image; the service rolls it with no downtime (new tasks first, the old ones
 * drained once the new ones pass the health check, and rolled back if they never do).
 */
import { Duration, FileSystem, IgnoreMode, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import {
  FlowLogDestination,
  FlowLogTrafficType,
  type IVpc,
  Port,
  SecurityGroup,
  SubnetType,
  Vpc,
} from 'aws-cdk-lib/aws-ec2';
import { DockerImageAsset, Platform } from 'aws-cdk-lib/aws-ecr-assets';
import {
  Cluster,
  ContainerImage,
  ContainerInsights,
  CpuArchitecture,
  FargateService,
  FargateTaskDefinition,
  LogDrivers,
  OperatingSystemFamily,
} from 'aws-cdk-lib/aws-ecs';
import { ApplicationLoadBalancer, ApplicationProtocol } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelExportError } from '../model-archive.js';

const TF_SERVING_DIR = fileURLToPath(new URL('../../../tf-serving/', import.meta.url));
const REST_PORT = 8501;
/** TF Serving opens its REST port only once the models in models.config are loaded: 200 means ready. */
const HEALTH_CHECK_PATH = '/v1/models/user_tower';

const range = (from: number, to: number, step: number) =>
  Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);

/** Fargate's task sizes: the memory (MiB) each vCPU setting allows. */
const FARGATE_MEMORY_MIB: Partial<Record<number, number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

export interface EcsUserTowerProps {
  /** A training export: its `models/` folder is baked into the image. */
  exportDir: string;
  /** Fargate task size: vCPU units (1024 = 1 vCPU) and MiB, one of Fargate's combinations. */
  cpu: number;
  memoryMib: number;
  /** Tasks kept running, spread over the two zones. */
  desiredCount: number;
  logRetention: RetentionDays;
}

export class EcsUserTower extends Construct {
  /** TF Serving's REST API, e.g. `${url}/v1/models/user_tower:predict`. */
  readonly url: string;
  readonly vpc: IVpc;
  /** Attach to whatever calls TF Serving (the functions): the only way in. */
  readonly clientSecurityGroup: SecurityGroup;
  readonly service: FargateService;

  constructor(scope: Construct, id: string, props: EcsUserTowerProps) {
    super(scope, id);
    // Load balancers deliver access logs from an account of their region, which must be known.
    if (Token.isUnresolved(Stack.of(this).region))
      throw new Error('the ECS user tower needs a stack with a known region (env.region, or CDK_DEFAULT_REGION)');
    validateSize(props);
    this.vpc = this.network(props.logRetention);
    this.clientSecurityGroup = new SecurityGroup(this, 'ClientSecurityGroup', {
      vpc: this.vpc,
      description: 'Callers of the user tower: may reach its load balancer; all outbound (through the NAT)',
    });
    this.service = this.fargateService(props);
    const loadBalancer = this.loadBalancer(props.logRetention);
    this.url = `http://${loadBalancer.loadBalancerDnsName}`;
  }

  /**
   * Two zones with one NAT gateway: the functions that join this VPC still reach Qdrant Cloud,
   * Neon and TMDB over the internet, through it (one, not one per zone: a zone outage costs the
   * internet path for a while, not a second gateway's price all the time).
   */
  private network(logRetention: RetentionDays): Vpc {
    const vpc = new Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 1,
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        { name: 'public', subnetType: SubnetType.PUBLIC },
        { name: 'private', subnetType: SubnetType.PRIVATE_WITH_EGRESS },
      ],
    });
    const flowLogs = new LogGroup(this, 'FlowLogs', { retention: logRetention, removalPolicy: RemovalPolicy.DESTROY });
    // Rejected traffic only: what a security group turned away, the part worth keeping for an audit.
    vpc.addFlowLog('FlowLog', {
      destination: FlowLogDestination.toCloudWatchLogs(flowLogs),
      trafficType: FlowLogTrafficType.REJECT,
    });
    return vpc;
  }

  private fargateService(props: EcsUserTowerProps): FargateService {
    const cluster = new Cluster(this, 'Cluster', { vpc: this.vpc, containerInsightsV2: ContainerInsights.ENABLED });
    const taskDefinition = new FargateTaskDefinition(this, 'Task', {
      cpu: props.cpu,
      memoryLimitMiB: props.memoryMib,
      // tensorflow/serving is published for linux/amd64 only.
      runtimePlatform: { cpuArchitecture: CpuArchitecture.X86_64, operatingSystemFamily: OperatingSystemFamily.LINUX },
    });
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    taskDefinition.addContainer('TfServing', {
      image: ContainerImage.fromDockerImageAsset(this.image(props.exportDir)),
      portMappings: [{ containerPort: REST_PORT }],
      logging: LogDrivers.awsLogs({ streamPrefix: 'tf-serving', logGroup }),
    });
    Validations.of(taskDefinition).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'the execution role pulls the image: ecr:GetAuthorizationToken has no resource-level permissions',
    });
    return new FargateService(this, 'Service', {
      cluster,
      taskDefinition,
      desiredCount: props.desiredCount,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { rollback: true },
      healthCheckGracePeriod: Duration.seconds(60),
      vpcSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS },
    });
  }

  /**
   * The image from tf-serving/Dockerfile with the export as its `model` build context. The asset
   * hash follows the models' content, not the export's path (the same model from another folder or
   * machine is the same image; a retrained one is a new image).
   */
  private image(exportDir: string): DockerImageAsset {
    const models = join(exportDir, 'models');
    if (!existsSync(join(models, 'models.config'))) throw new ModelExportError(models, 'no models.config here');
    return new DockerImageAsset(this, 'Image', {
      directory: TF_SERVING_DIR,
      file: 'Dockerfile',
      buildContexts: { model: realpathSync(exportDir) },
      platform: Platform.LINUX_AMD64,
      // The image takes nothing from tf-serving/ but its Dockerfile (never stage the multi-GB .venv).
      ignoreMode: IgnoreMode.DOCKER,
      exclude: ['*'],
      extraHash: FileSystem.fingerprint(realpathSync(models)),
      invalidation: { buildContexts: false },
    });
  }

  private loadBalancer(logRetention: RetentionDays): ApplicationLoadBalancer {
    const securityGroup = new SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc: this.vpc,
      description: 'User tower load balancer: from its clients only, to its tasks only',
      allowAllOutbound: false,
    });
    const loadBalancer = new ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: this.vpc,
      internetFacing: false,
      securityGroup,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS },
      dropInvalidHeaderFields: true,
    });
    loadBalancer.logAccessLogs(this.accessLogBucket(logRetention));
    loadBalancer.connections.allowFrom(this.clientSecurityGroup, Port.tcp(80), 'user tower clients');
    // `open: false`: no 0.0.0.0/0 rule; the clients' rule above is the only way in.
    const listener = loadBalancer.addListener('Http', { port: 80, protocol: ApplicationProtocol.HTTP, open: false });
    listener.addTargets('TfServing', {
      port: REST_PORT,
      protocol: ApplicationProtocol.HTTP,
      targets: [this.service],
      healthCheck: { path: HEALTH_CHECK_PATH, healthyHttpCodes: '200', interval: Duration.seconds(15) },
      deregistrationDelay: Duration.seconds(30),
    });
    return loadBalancer;
  }

  private accessLogBucket(logRetention: RetentionDays): Bucket {
    const bucket = new Bucket(this, 'AccessLogs', {
      // Load balancers deliver access logs only to buckets encrypted with S3-managed keys.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(logRetention) }],
    });
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'this bucket only receives the load balancer access logs; logging access to it would need yet another',
    });
    return bucket;
  }
}

function validateSize({ cpu, memoryMib, desiredCount }: EcsUserTowerProps): void {
  const memories = FARGATE_MEMORY_MIB[cpu];
  if (!memories) throw new Error(`ECS cpu must be one of Fargate's ${Object.keys(FARGATE_MEMORY_MIB).join(', ')}`);
  if (!memories.includes(memoryMib))
    throw new Error(`ECS memoryMib for cpu ${cpu} must be one of ${memories.join(', ')} (got ${memoryMib})`);
  if (!Number.isInteger(desiredCount) || desiredCount < 1) throw new Error('ECS desiredCount must be 1 or more');
}
