/**
 * The user tower on a SageMaker endpoint running AWS's TensorFlow Serving inference container
 * (the deep-learning container `tensorflow-inference`) over the `model.tar.gz` of model-archive.ts.
 * Serverless by default, or on instances.
 *
 * The model and endpoint config take names CloudFormation generates, so a new archive (a new asset
 * hash in ModelDataUrl) creates a new Model and EndpointConfig. The caller names the endpoint: the
 * app puts the model version in it, so a new model is a new endpoint that the functions move to
 * together with that version's Qdrant collection (docs/deployment.md, "Rolling a new model"); with
 * a name kept across versions, SageMaker's blue/green update would replace the model in place.
 */
import { ArnFormat, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Grant, type IGrantable, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { CfnEndpoint, CfnEndpointConfig, CfnModel } from 'aws-cdk-lib/aws-sagemaker';
import { FactName } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';

/** How the endpoint runs: serverless (pay per request, cold starts) or on always-on instances. */
export type SageMakerVariant =
  | { kind: 'serverless'; memoryMb: number; maxConcurrency: number }
  | { kind: 'instance'; instanceType: string; instanceCount: number };

export interface SageMakerUserTowerProps {
  /** The endpoint's physical name (the functions' SAGEMAKER_ENDPOINT). */
  endpointName: string;
  /** The `model.tar.gz` built by `packageUserTower`. */
  archive: string;
  variant: SageMakerVariant;
  logRetention: RetentionDays;
  /**
   * The `tensorflow-inference` image tag. 2.19.0 is the newest TensorFlow Serving the SageMaker
   * inference DLCs publish under the plain `<version>-cpu` tag (there is no 2.21 inference image,
   * and 2.20's tags carry a Python suffix: `2.20.0-cpu-py312`).
   * @default '2.19.0-cpu'
   */
  imageTag?: string;
}

const REPOSITORY = 'tensorflow-inference';
const DEFAULT_IMAGE_TAG = '2.19.0-cpu';
const VARIANT_NAME = 'AllTraffic';
const SERVERLESS_MEMORY_MB = [1024, 2048, 3072, 4096, 5120, 6144];
/** SageMaker's per-endpoint ceiling for serverless concurrency. */
const MAX_SERVERLESS_CONCURRENCY = 200;

export class SageMakerUserTower extends Construct {
  readonly endpointName: string;
  readonly endpointArn: string;
  readonly endpoint: CfnEndpoint;

  constructor(scope: Construct, id: string, props: SageMakerUserTowerProps) {
    super(scope, id);
    validateVariant(props.variant);
    const stack = Stack.of(this);
    this.endpointName = props.endpointName;
    this.endpointArn = stack.formatArn({
      service: 'sagemaker',
      resource: 'endpoint',
      resourceName: props.endpointName,
    });

    const archive = new Asset(this, 'ModelArchive', { path: props.archive });
    // SageMaker writes the endpoint's container logs here; created first so that the retention holds.
    const logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/sagemaker/Endpoints/${props.endpointName}`,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const dlcAccount = stack.regionalFact(FactName.DLC_REPOSITORY_ACCOUNT);
    const registry = `${dlcAccount}.dkr.ecr.${stack.region}.${stack.urlSuffix}`;
    const role = this.executionRole(archive, logGroup, dlcAccount);

    const model = new CfnModel(this, 'Model', {
      executionRoleArn: role.roleArn,
      primaryContainer: {
        image: `${registry}/${REPOSITORY}:${props.imageTag ?? DEFAULT_IMAGE_TAG}`,
        modelDataUrl: archive.s3ObjectUrl,
        // The container names each model after the folder holding its version folders: with those
        // at the archive's top, that is /opt/ml/model, so "model" (not user_tower). InvokeEndpoint
        // without a tfs-model-name attribute, as the functions send it, goes to this default model.
        environment: { SAGEMAKER_TFS_DEFAULT_MODEL_NAME: 'model' },
      },
      // Serverless endpoints refuse network isolation; on instances the container needs no network.
      enableNetworkIsolation: props.variant.kind === 'instance',
    });
    const config = new CfnEndpointConfig(this, 'Config', {
      productionVariants: [
        { variantName: VARIANT_NAME, modelName: model.attrModelName, ...variantSize(props.variant) },
      ],
    });
    this.endpoint = new CfnEndpoint(this, 'Endpoint', {
      endpointName: props.endpointName,
      endpointConfigName: config.attrEndpointConfigName,
    });
    this.endpoint.node.addDependency(logGroup);
  }

  /** Lets `grantee` call the endpoint, and nothing else. */
  grantInvoke(grantee: IGrantable): Grant {
    return Grant.addToPrincipal({ grantee, actions: ['sagemaker:InvokeEndpoint'], resourceArns: [this.endpointArn] });
  }

  /** What SageMaker needs to run the container: this archive, this image, these logs. */
  private executionRole(archive: Asset, logGroup: LogGroup, dlcAccount: string): Role {
    const stack = Stack.of(this);
    const repositoryArn = stack.formatArn({
      service: 'ecr',
      account: dlcAccount,
      resource: 'repository',
      resourceName: REPOSITORY,
    });
    // The group itself (CreateLogGroup, harmless as it exists) and its streams (the `:*` form).
    const logGroupArns = [
      stack.formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: logGroup.logGroupName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
      logGroup.logGroupArn,
    ];
    const role = new Role(this, 'ExecutionRole', {
      assumedBy: new ServicePrincipal('sagemaker.amazonaws.com'),
      inlinePolicies: {
        userTower: new PolicyDocument({
          statements: [
            // The bootstrap bucket encrypts with the AWS-managed S3 key, usable through S3 without a KMS grant.
            new PolicyStatement({
              actions: ['s3:GetObject'],
              resources: [archive.bucket.arnForObjects(archive.s3ObjectKey)],
            }),
            new PolicyStatement({
              actions: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
              resources: [repositoryArn],
            }),
            new PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }),
            new PolicyStatement({
              actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
              resources: logGroupArns,
            }),
            // In AWS's list of what a model's execution role needs (instance metrics); SageMaker namespaces only.
            new PolicyStatement({
              actions: ['cloudwatch:PutMetricData'],
              resources: ['*'],
              conditions: { StringLike: { 'cloudwatch:namespace': '/aws/sagemaker/*' } },
            }),
          ],
        }),
      },
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ecr:GetAuthorizationToken and cloudwatch:PutMetricData have no resource-level permissions; ' +
        'the metrics are limited to SageMaker namespaces by a condition, image pulls to the one repository',
    });
    return role;
  }
}

function validateVariant(variant: SageMakerVariant): void {
  if (variant.kind === 'serverless') {
    if (!SERVERLESS_MEMORY_MB.includes(variant.memoryMb))
      throw new Error(
        `serverless memoryMb must be one of ${SERVERLESS_MEMORY_MB.join(', ')} (got ${variant.memoryMb})`,
      );
    if (!isWholeIn(variant.maxConcurrency, 1, MAX_SERVERLESS_CONCURRENCY))
      throw new Error(`serverless maxConcurrency must be a whole number from 1 to ${MAX_SERVERLESS_CONCURRENCY}`);
    return;
  }
  if (!/^ml\.[a-z0-9-]+\.[a-z0-9]+$/.test(variant.instanceType))
    throw new Error(
      `instanceType must be a SageMaker instance type such as ml.c7i.large (got ${variant.instanceType})`,
    );
  if (!isWholeIn(variant.instanceCount, 1, 100)) throw new Error('instanceCount must be a whole number from 1 to 100');
}

const isWholeIn = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;

function variantSize(variant: SageMakerVariant): Partial<CfnEndpointConfig.ProductionVariantProperty> {
  return variant.kind === 'serverless'
    ? { serverlessConfig: { memorySizeInMb: variant.memoryMb, maxConcurrency: variant.maxConcurrency } }
    : { instanceType: variant.instanceType, initialInstanceCount: variant.instanceCount, initialVariantWeight: 1 };
}
