/** `cloud train`'s flags and environment, checked before anything slow runs, into a job spec. */
import { CodedError } from '@movierec/functions/core';
import { processorOf, trainingImageUri } from './dlc-image.js';
import { jobLayout, type TrainingHyperParameters, type TrainingJobSpec } from './sagemaker-training.js';

export interface CloudTrainSettingsFlags extends TrainingHyperParameters {
  bucket?: string;
  prefix: string;
  roleArn?: string;
  instanceType: string;
  imageVersion?: string;
  imageUri?: string;
  volumeGb: number;
  maxRuntimeHours: number;
  spot?: boolean;
  maxWaitHours?: number;
}

/** A flag's value, else its environment variable's; missing → an error naming both. */
export function flagOrEnv(value: string | undefined, flag: string, variable: string, env: NodeJS.ProcessEnv): string {
  const chosen = value ?? env[variable]?.trim();
  if (!chosen) throw new CodedError('invalid_input', `${flag} is required (or set ${variable})`);
  return chosen;
}

export interface JobTarget {
  bucket: string;
  roleArn: string;
}

export function jobTarget(flags: CloudTrainSettingsFlags, env: NodeJS.ProcessEnv): JobTarget {
  const bucket = flagOrEnv(flags.bucket, '--bucket <name>', 'TRAINING_BUCKET', env);
  const roleArn = flagOrEnv(flags.roleArn, '--role-arn <arn>', 'SAGEMAKER_TRAINING_ROLE_ARN', env);
  if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(roleArn))
    throw new CodedError(
      'invalid_input',
      `--role-arn: "${roleArn}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`,
    );
  return { bucket, roleArn };
}

/** --image-uri as given, else the DLC of --image-version (default: the pinned TensorFlow) for the instance. */
export function imageFor(flags: CloudTrainSettingsFlags, region: string, pinnedVersion: string): string {
  if (flags.imageUri) return flags.imageUri;
  const version = flags.imageVersion ?? pinnedVersion;
  return trainingImageUri({ region, version, processor: processorOf(flags.instanceType) });
}

export interface SpecContext {
  region: string;
  jobName: string;
  imageUri: string;
  textCache: boolean;
}

/** Spot jobs wait at most twice their run time for capacity unless told otherwise. */
function spotSettings(flags: CloudTrainSettingsFlags): TrainingJobSpec['spot'] {
  if (!flags.spot) {
    if (flags.maxWaitHours !== undefined)
      throw new CodedError('invalid_input', '--max-wait-hours applies to --spot jobs only');
    return null;
  }
  const maxWaitHours = flags.maxWaitHours ?? 2 * flags.maxRuntimeHours;
  if (maxWaitHours < flags.maxRuntimeHours)
    throw new CodedError('invalid_input', '--max-wait-hours must be at least --max-runtime-hours');
  return { maxWaitHours };
}

export function trainingJobSpec(
  flags: CloudTrainSettingsFlags,
  target: JobTarget,
  context: SpecContext,
): TrainingJobSpec {
  return {
    layout: jobLayout(target.bucket, flags.prefix, context.jobName),
    region: context.region,
    roleArn: target.roleArn,
    imageUri: context.imageUri,
    instanceType: flags.instanceType,
    volumeGb: flags.volumeGb,
    maxRuntimeHours: flags.maxRuntimeHours,
    spot: spotSettings(flags),
    textCache: context.textCache,
    hyperParameters: { epochs: flags.epochs, seed: flags.seed, threads: flags.threads },
  };
}
