/**
 * Following a training job: polling its status until it ends (Ctrl-C stops following, not the job)
 * and unpacking its model.tar.gz into a folder laid out like a local training run.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleepFor } from 'node:timers/promises';
import {
  DescribeTrainingJobCommand,
  type DescribeTrainingJobCommandOutput,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { S3Client } from '@aws-sdk/client-s3';
import { CodedError } from '@movierec/functions/core';
import { extract } from 'tar';
import { downloadStream, parseS3Uri } from './s3-objects.js';
import { forJob } from './sagemaker-training.js';

/** Files every training export has (docs/model.md, "Export"): a download is checked against them. */
export const EXPORT_FILES = ['models/models.config', 'movie_embeddings.npy', 'user_tower.safetensors'];

export interface JobProgress {
  status: string;
  secondaryStatus: string;
  message: string;
}

export interface WaitOptions {
  pollSeconds?: number;
  /** Aborting stops following the job (it keeps running). */
  signal?: AbortSignal;
  onProgress?: (progress: JobProgress) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type WaitResult =
  | { state: 'completed'; job: DescribeTrainingJobCommandOutput }
  | { state: 'interrupted'; job: DescribeTrainingJobCommandOutput | undefined };

function progressOf(job: DescribeTrainingJobCommandOutput): JobProgress {
  return {
    status: job.TrainingJobStatus ?? 'Unknown',
    secondaryStatus: job.SecondaryStatus ?? '',
    message: job.SecondaryStatusTransitions?.at(-1)?.StatusMessage ?? '',
  };
}

const sameProgress = (a: JobProgress | undefined, b: JobProgress) =>
  a?.status === b.status && a.secondaryStatus === b.secondaryStatus && a.message === b.message;

/** The job's end as an error: its FailureReason when it failed, how it stopped otherwise. */
function endedError(name: string, job: DescribeTrainingJobCommandOutput): CodedError {
  const reason = job.FailureReason ? `: ${job.FailureReason}` : '';
  const verb = job.TrainingJobStatus === 'Failed' ? 'failed' : 'was stopped';
  return new CodedError('unavailable', `training job ${name} ${verb} (${job.SecondaryStatus ?? 'no detail'})${reason}`);
}

const abortableSleep = async (ms: number, signal?: AbortSignal) => {
  await sleepFor(ms, undefined, { signal });
};

export const describeTrainingJob = (sagemaker: SageMakerClient, jobName: string) =>
  forJob(jobName, 'DescribeTrainingJob', () =>
    sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: jobName })),
  );

/** What `cloud status` shows of a job. */
export function jobSummary(job: DescribeTrainingJobCommandOutput) {
  return {
    status: job.TrainingJobStatus,
    secondaryStatus: job.SecondaryStatus,
    failureReason: job.FailureReason,
    instanceType: job.ResourceConfig?.InstanceType,
    spot: job.EnableManagedSpotTraining ?? false,
    modelArtifact: job.ModelArtifacts?.S3ModelArtifacts,
    trainingSeconds: job.TrainingTimeInSeconds,
    billableSeconds: job.BillableTimeInSeconds,
  };
}

/** Polls DescribeTrainingJob, reporting each change of status, until the job ends or `signal` aborts. */
export async function waitForTrainingJob(
  sagemaker: SageMakerClient,
  jobName: string,
  { pollSeconds = 30, signal, onProgress = () => undefined, sleep = abortableSleep }: WaitOptions = {},
): Promise<WaitResult> {
  let last: DescribeTrainingJobCommandOutput | undefined;
  let reported: JobProgress | undefined;
  while (!signal?.aborted) {
    const job = await describeTrainingJob(sagemaker, jobName);
    last = job;
    const progress = progressOf(job);
    if (!sameProgress(reported, progress)) onProgress(progress);
    reported = progress;
    if (progress.status === 'Completed') return { state: 'completed', job };
    if (progress.status === 'Failed' || progress.status === 'Stopped') throw endedError(jobName, job);
    try {
      await sleep(pollSeconds * 1000, signal);
    } catch (error) {
      if (!signal?.aborted) throw error;
    }
  }
  return { state: 'interrupted', job: last };
}

async function emptyFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0)
    throw new CodedError('conflict', `${dir} is not empty: download the model into a new folder`);
}

/**
 * Unpacks the job's model.tar.gz into `dir` (new or empty): the export as `train` writes it locally
 * (models/, movie_embeddings.npy, user_tower.safetensors, …, training.json). Only files and folders
 * are extracted, inside `dir` (tar refuses absolute and `..` paths).
 */
export async function downloadModelArtifact(s3: S3Client, artifactUri: string, dir: string): Promise<string[]> {
  await emptyFolder(dir);
  const body = await downloadStream(s3, parseS3Uri(artifactUri));
  const extracted: string[] = [];
  const unpack = extract({
    cwd: dir,
    strict: true,
    filter: (path, entry) => {
      const kind = 'type' in entry ? entry.type : 'File';
      const keep = kind === 'File' || kind === 'Directory';
      if (keep && kind === 'File') extracted.push(path.replace(/^\.\//, ''));
      return keep;
    },
  });
  await pipeline(body, unpack);
  const missing = EXPORT_FILES.filter((file) => !extracted.includes(file));
  if (missing.length > 0)
    throw new CodedError('unprocessable', `${artifactUri} is not a training export: ${missing.join(', ')} missing`);
  return extracted.sort();
}

export const consoleUrl = (region: string, jobName: string) =>
  `https://${region}.console.aws.amazon.com/sagemaker/home?region=${region}#/jobs/${jobName}`;

export const logsUrl = (region: string, jobName: string) =>
  `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/$252Faws$252Fsagemaker$252FTrainingJobs$3FlogStreamNameFilter$3D${jobName}`;
