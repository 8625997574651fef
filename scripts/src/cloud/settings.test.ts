import { describe, expect, it } from 'vitest';
import { imageFor, jobTarget, trainingJobSpec, type CloudTrainSettingsFlags } from './settings.js';

const ROLE = 'arn:aws:iam::123456789012:role/movierec-training';
const flags = (extra: Partial<CloudTrainSettingsFlags> = {}): CloudTrainSettingsFlags => ({
  prefix: 'training/',
  instanceType: 'ml.g5.xlarge',
  volumeGb: 30,
  maxRuntimeHours: 6,
  ...extra,
});
const context = { region: 'eu-west-1', jobName: 'movierec-train-20261202-041708', imageUri: 'image', textCache: true };

describe('cloud train settings', () => {
  it('names the flag and the environment variable of a missing bucket or role', () => {
    expect(() => jobTarget(flags({ roleArn: ROLE }), {})).toThrow(
      '--bucket <name> is required (or set TRAINING_BUCKET)',
    );
    expect(() => jobTarget(flags({ bucket: 'b' }), {})).toThrow(
      '--role-arn <arn> is required (or set SAGEMAKER_TRAINING_ROLE_ARN)',
    );
  });

  it('takes the environment when the flag is absent, the flag over it otherwise', () => {
    const env = { TRAINING_BUCKET: 'from-env', SAGEMAKER_TRAINING_ROLE_ARN: ROLE };
    expect(jobTarget(flags(), env)).toEqual({ bucket: 'from-env', roleArn: ROLE });
    expect(jobTarget(flags({ bucket: 'from-flag' }), env).bucket).toBe('from-flag');
  });

  it('refuses a role that is not an IAM role ARN', () => {
    expect(() => jobTarget(flags({ bucket: 'b', roleArn: 'movierec-training' }), {})).toThrow(/not an IAM role ARN/);
  });

  it('picks the DLC of the pinned TensorFlow for the instance, unless told another image', () => {
    expect(imageFor(flags({ instanceType: 'ml.m5.xlarge' }), 'eu-west-1', '2.21.0')).toMatch(
      /tensorflow-training:2\.21\.0-cpu-py312-amzn2023-sagemaker$/,
    );
    expect(imageFor(flags({ imageVersion: '2.19.0' }), 'eu-west-1', '2.21.0')).toMatch(/:2\.19\.0-gpu-/);
    expect(imageFor(flags({ imageUri: 'my/image:1' }), 'nowhere-1', '2.21.0')).toBe('my/image:1');
  });

  it('gives spot jobs twice their run time to wait for capacity unless told otherwise', () => {
    const target = { bucket: 'b', roleArn: ROLE };
    expect(trainingJobSpec(flags(), target, context).spot).toBeNull();
    expect(trainingJobSpec(flags({ spot: true }), target, context).spot).toEqual({ maxWaitHours: 12 });
    expect(trainingJobSpec(flags({ spot: true, maxWaitHours: 8 }), target, context).spot).toEqual({ maxWaitHours: 8 });
    expect(() => trainingJobSpec(flags({ maxWaitHours: 8 }), target, context)).toThrow(/--spot jobs only/);
    expect(() => trainingJobSpec(flags({ spot: true, maxWaitHours: 5 }), target, context)).toThrow(
      /at least --max-runtime-hours/,
    );
  });

  it('passes the training hyper-parameters through', () => {
    const spec = trainingJobSpec(flags({ epochs: 3, seed: 0, threads: 4 }), { bucket: 'b', roleArn: ROLE }, context);
    expect(spec.hyperParameters).toEqual({ epochs: 3, seed: 0, threads: 4 });
    expect(spec.layout.modelArtifact).toBe('s3://b/training/movierec-train-20261202-041708/output/model.tar.gz');
  });
});
