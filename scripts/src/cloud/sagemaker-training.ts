/**
 * `cloud train`'s core over the AWS SDK clients (the ports; tests mock them): where a job's files
 * live in S3, the CreateTrainingJob request, and uploading the inputs. Following the job and
 * downloading its model are in job-follow.ts.
 *
 * S3 layout, one tree per job under `s3://<bucket>/<prefix><job>/`:
 *   input/snapshot/…          the training snapshot (channel `training`)
 *   input/text-cache/…        the local text-embedding cache, when there is one (channel `text_cache`)
 *   input/sourcedir.tar.gz    tf-serving's package and requirements (script mode)
 *   output/model.tar.gz       what the entry point wrote to SM_MODEL_DIR (SageMaker writes it there
 *                             because the job's output path is `s3://<bucket>/<prefix>`)
 *   checkpoints/              managed spot training only: /opt/ml/checkpoints, kept across interruptions
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CreateTrainingJobCommand,
  type CreateTrainingJobCommandInput,
  type SageMakerClient,
  type TrainingInstanceType,
} from '@aws-sdk/client-sagemaker';
import type { S3Client } from '@aws-sdk/client-s3';
import { CodedError } from '@movierec/functions/core';
import { s3Uri, sha256OfFile, uploadIfChanged, type UploadOutcome } from './s3-objects.js';
import { ENTRY_POINT, type TrainingSource } from './training-source.js';

export const TRAINING_CHANNEL = 'training';
export const TEXT_CACHE_CHANNEL = 'text_cache';
/** Where the container sees the checkpoint folder SageMaker syncs with S3. */
export const CHECKPOINT_LOCAL_PATH = '/opt/ml/checkpoints';
const SNAPSHOT_FILES = ['movies.jsonl', 'ratings.npy'];
const JOB_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/** `movierec-train-YYYYMMDD-HHMMSS` (UTC): SageMaker job names allow letters, digits and hyphens. */
export function newJobName(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, '')
    .replace('T', '-');
  return `movierec-train-${stamp}`;
}

export function checkJobName(name: string): string {
  if (!JOB_NAME.test(name))
    throw new CodedError('invalid_input', `job name "${name}": 1–63 letters, digits or hyphens, not starting with one`);
  return name;
}

/** '' or a key prefix ending in one slash, without a leading one. */
export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `${trimmed}/`;
}

export interface JobLayout {
  bucket: string;
  jobName: string;
  /** Key prefixes (ending in '/') and keys. */
  snapshotPrefix: string;
  textCachePrefix: string;
  sourceArchiveKey: string;
  /** The job's S3OutputPath: SageMaker appends `<job>/output/model.tar.gz`. */
  outputPath: string;
  modelArtifact: string;
  checkpoints: string;
}

export function jobLayout(bucket: string, prefix: string, jobName: string): JobLayout {
  const base = normalizePrefix(prefix);
  const root = `${base}${jobName}/`;
  return {
    bucket,
    jobName,
    snapshotPrefix: `${root}input/snapshot/`,
    textCachePrefix: `${root}input/text-cache/`,
    sourceArchiveKey: `${root}input/sourcedir.tar.gz`,
    outputPath: `s3://${bucket}/${base}`,
    modelArtifact: `s3://${bucket}/${root}output/model.tar.gz`,
    checkpoints: `s3://${bucket}/${root}checkpoints/`,
  };
}

export interface TrainingHyperParameters {
  epochs?: number;
  seed?: number;
  /** Intra-op threads; the entry point defaults to the instance's vCPUs. */
  threads?: number;
}

export interface TrainingJobSpec {
  layout: JobLayout;
  region: string;
  roleArn: string;
  imageUri: string;
  instanceType: string;
  volumeGb: number;
  maxRuntimeHours: number;
  /** Managed spot training: the longest wait for capacity plus run time (SageMaker wants ≥ maxRuntimeHours). */
  spot: { maxWaitHours: number } | null;
  textCache: boolean;
  hyperParameters: TrainingHyperParameters;
}

const hours = (value: number) => Math.round(value * 3600);

/**
 * Hyper-parameters as the SageMaker SDK writes them (each value JSON-encoded): the toolkit decodes
 * them, passes the `sagemaker_*` ones to itself and the rest to the entry point as `--name value`.
 */
function hyperParameters(spec: TrainingJobSpec): Record<string, string> {
  const { layout, hyperParameters: training } = spec;
  const values: Record<string, string | number | undefined> = {
    sagemaker_program: ENTRY_POINT,
    sagemaker_submit_directory: s3Uri({ bucket: layout.bucket, key: layout.sourceArchiveKey }),
    sagemaker_region: spec.region,
    sagemaker_job_name: layout.jobName,
    sagemaker_container_log_level: 20,
    epochs: training.epochs,
    seed: training.seed,
    threads: training.threads,
    'checkpoint-dir': spec.spot ? CHECKPOINT_LOCAL_PATH : undefined,
  };
  return Object.fromEntries(
    Object.entries(values).flatMap(([name, value]) => (value === undefined ? [] : [[name, JSON.stringify(value)]])),
  );
}

const channel = (name: string, bucket: string, prefix: string) => ({
  ChannelName: name,
  DataSource: {
    S3DataSource: {
      S3DataType: 'S3Prefix' as const,
      S3Uri: `s3://${bucket}/${prefix}`,
      S3DataDistributionType: 'FullyReplicated' as const,
    },
  },
});

function stoppingAndSpot(spec: TrainingJobSpec): Partial<CreateTrainingJobCommandInput> {
  const maxRuntime = hours(spec.maxRuntimeHours);
  if (!spec.spot) return { StoppingCondition: { MaxRuntimeInSeconds: maxRuntime } };
  return {
    StoppingCondition: { MaxRuntimeInSeconds: maxRuntime, MaxWaitTimeInSeconds: hours(spec.spot.maxWaitHours) },
    EnableManagedSpotTraining: true,
    CheckpointConfig: { S3Uri: spec.layout.checkpoints, LocalPath: CHECKPOINT_LOCAL_PATH },
  };
}

/** The CreateTrainingJob request: the TensorFlow DLC in script mode on one instance. */
export function trainingJobRequest(spec: TrainingJobSpec): CreateTrainingJobCommandInput {
  const { layout } = spec;
  return {
    TrainingJobName: layout.jobName,
    RoleArn: spec.roleArn,
    AlgorithmSpecification: {
      TrainingImage: spec.imageUri,
      TrainingInputMode: 'File',
      // Read from the training log (train.py's progress lines) into CloudWatch metrics.
      MetricDefinitions: [
        { Name: 'train:loss', Regex: 'step \\d+: loss ([0-9.]+)' },
        { Name: 'train:examples_per_second', Regex: '([0-9]+) examples/s' },
        { Name: 'epoch:mean_loss', Regex: 'mean loss ([0-9.]+)' },
      ],
    },
    HyperParameters: hyperParameters(spec),
    InputDataConfig: [
      channel(TRAINING_CHANNEL, layout.bucket, layout.snapshotPrefix),
      ...(spec.textCache ? [channel(TEXT_CACHE_CHANNEL, layout.bucket, layout.textCachePrefix)] : []),
    ],
    OutputDataConfig: { S3OutputPath: layout.outputPath },
    ResourceConfig: {
      InstanceType: spec.instanceType as TrainingInstanceType,
      InstanceCount: 1,
      VolumeSizeInGB: spec.volumeGb,
    },
    ...stoppingAndSpot(spec),
    Tags: [{ Key: 'project', Value: 'movierec' }],
  };
}

/** Runs one SDK call; a failure names the job and the step (the SDK's own messages do not). */
export async function forJob<T>(jobName: string, step: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CodedError) throw error;
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    throw new CodedError('unavailable', `training job ${jobName}: ${step} failed: ${name}: ${message}`, {
      cause: error,
    });
  }
}

async function filesIn(dir: string, pattern: RegExp): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

export interface TrainingInputs {
  snapshotDir: string;
  /** `$DATA_DIR/cache/text`; absent or empty = the container encodes every text itself. */
  textCacheDir?: string;
  source: TrainingSource;
}

export interface UploadedInputs {
  files: UploadOutcome[];
  textCache: boolean;
}

async function snapshotFiles(dir: string): Promise<string[]> {
  const files = await filesIn(dir, /^[^.]/);
  const missing = SNAPSHOT_FILES.filter((name) => !files.includes(name));
  if (missing.length > 0)
    throw new CodedError('not_found', `${dir} is not a training snapshot: ${missing.join(', ')} missing`);
  return files;
}

/** Uploads the snapshot, the text cache and the source archive, each file only when its content changed. */
export async function uploadTrainingInputs(
  s3: S3Client,
  layout: JobLayout,
  inputs: TrainingInputs,
  onFile: (outcome: UploadOutcome) => void = () => undefined,
): Promise<UploadedInputs> {
  const { bucket } = layout;
  const cacheParts = inputs.textCacheDir ? await filesIn(inputs.textCacheDir, /^part-\d+\.npz$/) : [];
  const uploads = [
    ...(await snapshotFiles(inputs.snapshotDir)).map((name) => ({
      key: `${layout.snapshotPrefix}${name}`,
      file: join(inputs.snapshotDir, name),
    })),
    ...cacheParts.map((name) => ({
      key: `${layout.textCachePrefix}${name}`,
      file: join(inputs.textCacheDir ?? '', name),
    })),
  ];
  const files: UploadOutcome[] = [];
  const record = (outcome: UploadOutcome) => {
    files.push(outcome);
    onFile(outcome);
  };
  for (const { key, file } of uploads)
    record(await uploadIfChanged(s3, { bucket, key }, { file, sha256: await sha256OfFile(file) }));
  const { archive, sha256 } = inputs.source;
  record(await uploadIfChanged(s3, { bucket, key: layout.sourceArchiveKey }, { bytes: archive, sha256 }));
  return { files, textCache: cacheParts.length > 0 };
}

/** Creates the job; a taken name says how to follow the job that has it. */
export async function createTrainingJob(sagemaker: SageMakerClient, request: CreateTrainingJobCommandInput) {
  const name = request.TrainingJobName ?? '';
  try {
    return await forJob(name, 'CreateTrainingJob', () => sagemaker.send(new CreateTrainingJobCommand(request)));
  } catch (error) {
    if ((error as { cause?: Error }).cause?.name === 'ResourceInUse')
      throw new CodedError(
        'conflict',
        `a training job named ${name} already exists: pick another --job-name, or follow it with \`npm run cli -- cloud status ${name} --wait\``,
      );
    throw error;
  }
}
