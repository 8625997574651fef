/**
 * Where the user tower is served, as the functions see it: a SageMaker endpoint running AWS's
 * TensorFlow Serving container (serverless by default, or on instances), or TF Serving on ECS
 * Fargate behind an internal load balancer. Either way `userTower` says how to call it: the env
 * vars to give the functions, the grant, and for ECS the network to join.
 *
 * The SageMaker kinds need the archive built beforehand (it is async), so the app does:
 *
 * @example
 * const { archive } = await packageUserTower(exportDir, archiveOutDir);
 * const model = new ModelStack(app, 'Movierec-dev-Model', {
 *   stage, exportDir, userTowerArchive: archive, hosting, logRetention,
 * });
 * model.userTower.grantInvoke(fn);
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ISecurityGroup, IVpc } from 'aws-cdk-lib/aws-ec2';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { Stage, UserTowerHosting } from './config.js';
import { EcsUserTower } from './constructs/ecs-user-tower.js';
import { SageMakerUserTower, type SageMakerVariant } from './constructs/sagemaker-user-tower.js';

export type { UserTowerHosting };

/** How a function reaches the user tower. */
export interface UserTowerEndpoint {
  /** The variables functions/src/config/env.ts reads: SAGEMAKER_ENDPOINT or TF_SERVING_URL. */
  environment: Record<string, string>;
  grantInvoke(grantee: IGrantable): void;
  /** Set when access is by network: run the function in `vpc` with `securityGroups`. */
  network?: { vpc: IVpc; securityGroups: ISecurityGroup[] };
}

export interface ModelStackProps extends StackProps {
  stage: Stage;
  /** The training export (`.data/runs/latest-model`): the ECS image bakes in its `models/`. */
  exportDir: string;
  /** `packageUserTower(exportDir, …).archive`; required for the SageMaker kinds. */
  userTowerArchive?: string;
  hosting: UserTowerHosting;
  /** The deployed export's version (app.ts): part of the endpoint's name, so a new model is a new endpoint. */
  modelVersion: string;
  logRetention: RetentionDays;
  /** The SageMaker `tensorflow-inference` image tag (SageMakerUserTowerProps.imageTag). */
  tfServingImageTag?: string;
}

export class ModelStack extends Stack {
  readonly userTower: UserTowerEndpoint;

  constructor(scope: Construct, id: string, props: ModelStackProps) {
    super(scope, id, props);
    this.userTower =
      props.hosting.kind === 'ecs' ? this.onEcs(props.hosting, props) : this.onSageMaker(props.hosting, props);
  }

  private onSageMaker(variant: SageMakerVariant, props: ModelStackProps): UserTowerEndpoint {
    if (!props.userTowerArchive)
      throw new Error(`user tower hosting "${variant.kind}" needs userTowerArchive: build it with packageUserTower`);
    const tower = new SageMakerUserTower(this, 'UserTower', {
      // A new model is a new endpoint; the functions move to it with their matching collection and
      // weights in one update of the API stack (docs/deployment.md, "Rolling a new model").
      endpointName: `movierec-${props.stage}-user-tower-${props.modelVersion}`,
      archive: props.userTowerArchive,
      variant,
      logRetention: props.logRetention,
      imageTag: props.tfServingImageTag,
    });
    new CfnOutput(this, 'UserTowerEndpointName', { value: tower.endpointName });
    return {
      environment: { SAGEMAKER_ENDPOINT: tower.endpointName },
      grantInvoke: (grantee) => tower.grantInvoke(grantee),
    };
  }

  private onEcs(size: Extract<UserTowerHosting, { kind: 'ecs' }>, props: ModelStackProps): UserTowerEndpoint {
    const { cpu, memoryMib, desiredCount } = size;
    const tower = new EcsUserTower(this, 'UserTower', {
      exportDir: props.exportDir,
      cpu,
      memoryMib,
      desiredCount,
      logRetention: props.logRetention,
    });
    new CfnOutput(this, 'UserTowerUrl', { value: tower.url });
    return {
      environment: { TF_SERVING_URL: tower.url },
      // Nothing to grant in IAM: the load balancer admits the client security group, see `network`.
      grantInvoke: () => undefined,
      network: { vpc: tower.vpc, securityGroups: [tower.clientSecurityGroup] },
    };
  }
}
