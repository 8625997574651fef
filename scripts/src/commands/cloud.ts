/**
 * `cloud train`: the same tf-serving/ training as `train`, as a SageMaker training job (the
 * TensorFlow training DLC in script mode); `cloud status` follows a job and downloads its model.
 * Layout, request and IAM: scripts/src/cloud/ and docs/deployment.md.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { InvalidArgumentError, type Command } from 'commander';
import { CodedError } from '@movierec/functions/core';
import { positiveInteger, wholeNumber } from '../cli/arguments.js';
import { config, printResult } from '../cli/context.js';
import {
  consoleUrl,
  describeTrainingJob,
  downloadModelArtifact,
  jobSummary,
  logsUrl,
  waitForTrainingJob,
  type JobProgress,
} from '../cloud/job-follow.js';
import {
  checkJobName,
  createTrainingJob,
  forJob,
  newJobName,
  trainingJobRequest,
  uploadTrainingInputs,
  type TrainingJobSpec,
} from '../cloud/sagemaker-training.js';
import { imageFor, jobTarget, trainingJobSpec, type CloudTrainSettingsFlags } from '../cloud/settings.js';
import { buildTrainingSource, pinnedTensorflowVersion } from '../cloud/training-source.js';
import type { UploadOutcome } from '../cloud/s3-objects.js';
import { TF_SERVING_DIR, TORCH_VERSION } from '../python/venv.js';
import { trainingSnapshot } from '../training/training-snapshot.js';
import { newRunDir, pointAt } from '../training/runs.js';
import { withDatasetOptions, type DatasetFlags } from './dataset-options.js';

const log = (message: string) => process.stderr.write(`${message}\n`);

const positiveNumber = (value: string) => {
  const number = Number(value);
  if (value.trim() === '' || !(number > 0) || !Number.isFinite(number))
    throw new InvalidArgumentError(`expected a number > 0, got "${value}"`);
  return number;
};

interface FollowFlags {
  region?: string;
  wait?: boolean;
  /** true: a new run folder under $DATA_DIR/runs that becomes `latest-model`. */
  download?: string | true;
  pollSeconds: number;
}

interface CloudTrainFlags extends CloudTrainSettingsFlags, DatasetFlags, FollowFlags {
  jobName?: string;
  snapshot?: string;
  textCache: boolean;
}

interface Clients {
  s3: S3Client;
  sagemaker: SageMakerClient;
  region: string;
}

/** The SDK's region (flag, AWS_REGION or the profile's); none is an error naming the flag. */
async function awsClients(region: string | undefined): Promise<Clients> {
  const sagemaker = new SageMakerClient({ region });
  const resolved = await sagemaker.config.region().catch(() => '');
  if (!resolved)
    throw new CodedError('invalid_input', '--region is required (or set AWS_REGION, or a region in the AWS profile)');
  return { s3: new S3Client({ region: resolved }), sagemaker, region: resolved };
}

const logUpload = ({ uri, bytes, uploaded }: UploadOutcome) =>
  log(`${uploaded ? 'uploaded' : 'unchanged, skipped'}: ${uri} (${(bytes / 1e6).toFixed(1)} MB)`);

const logProgress = ({ status, secondaryStatus, message }: JobProgress) =>
  log(`${new Date().toISOString()} ${status} / ${secondaryStatus}${message ? `: ${message}` : ''}`);

async function downloadRun(clients: Clients, jobName: string, artifact: string, target: string | true) {
  const { dataDir } = config();
  const dir = target === true ? await newRunDir(dataDir, 'train') : resolve(target);
  const files = await forJob(jobName, 'download', () => downloadModelArtifact(clients.s3, artifact, dir));
  await writeFile(
    join(dir, 'sagemaker-job.json'),
    `${JSON.stringify({ job: jobName, modelArtifact: artifact }, null, 2)}\n`,
  );
  if (target === true) {
    await pointAt(dataDir, 'latest', dir);
    await pointAt(dataDir, 'latest-model', dir);
  }
  log(`model unpacked into ${dir} (${files.length} files)`);
  return { dir, files: files.length };
}

const followHint = (jobName: string) => `npm run cli -- cloud status ${jobName} --wait --download`;

/** Waits for the job; Ctrl-C stops waiting (the job keeps running) and says how to pick it up again. */
async function waitUnlessInterrupted(clients: Clients, jobName: string, pollSeconds: number) {
  const controller = new AbortController();
  const stopWaiting = () => controller.abort();
  process.once('SIGINT', stopWaiting);
  try {
    return await waitForTrainingJob(clients.sagemaker, jobName, {
      pollSeconds,
      signal: controller.signal,
      onProgress: logProgress,
    });
  } finally {
    process.off('SIGINT', stopWaiting);
  }
}

/** Follows the job to its end, then downloads its model when asked. */
async function follow(clients: Clients, jobName: string, flags: FollowFlags) {
  const result = await waitUnlessInterrupted(clients, jobName, flags.pollSeconds);
  if (result.state === 'interrupted') {
    log(`Stopped following ${jobName}; it keeps running. Follow it again: ${followHint(jobName)}`);
    log(`Stop it: aws sagemaker stop-training-job --region ${clients.region} --training-job-name ${jobName}`);
    process.exitCode = 130;
    return { status: result.job?.TrainingJobStatus ?? 'InProgress', following: false };
  }
  const summary = jobSummary(result.job);
  const artifact = summary.modelArtifact;
  if (!artifact) throw new CodedError('unavailable', `training job ${jobName} completed without a model artifact`);
  if (flags.download === undefined) return summary;
  return { ...summary, download: await downloadRun(clients, jobName, artifact, flags.download) };
}

/** Everything checked before anything slow: bucket, role, region, image, name, spot settings. */
async function planJob(flags: CloudTrainFlags) {
  const target = jobTarget(flags, process.env);
  const clients = await awsClients(flags.region);
  const requirements = await readFile(join(TF_SERVING_DIR, 'requirements.txt'), 'utf8');
  const imageUri = imageFor(flags, clients.region, pinnedTensorflowVersion(requirements));
  const jobName = checkJobName(flags.jobName ?? newJobName());
  const spec = trainingJobSpec(flags, target, {
    region: clients.region,
    jobName,
    imageUri,
    textCache: flags.textCache,
  });
  return { clients, spec };
}

/** Uploads the inputs (the text cache channel only when there was a cache to upload) and creates the job. */
async function submitJob(clients: Clients, planned: TrainingJobSpec, snapshotDir: string) {
  const { dataDir, python } = config();
  const { jobName } = planned.layout;
  const source = await buildTrainingSource(TF_SERVING_DIR, { version: TORCH_VERSION, indexUrl: python.torchIndexUrl });
  const textCacheDir = planned.textCache ? join(dataDir, 'cache', 'text') : undefined;
  const uploaded = await forJob(jobName, 'upload', () =>
    uploadTrainingInputs(clients.s3, planned.layout, { snapshotDir, textCacheDir, source }, logUpload),
  );
  const spec = { ...planned, textCache: uploaded.textCache };
  await createTrainingJob(clients.sagemaker, trainingJobRequest(spec));
  return {
    job: jobName,
    region: spec.region,
    image: spec.imageUri,
    instanceType: spec.instanceType,
    spot: spec.spot !== null,
    input: `s3://${spec.layout.bucket}/${spec.layout.snapshotPrefix}`,
    textCache: spec.textCache,
    uploaded: uploaded.files.filter((file) => file.uploaded).length,
    skipped: uploaded.files.filter((file) => !file.uploaded).length,
    modelArtifact: spec.layout.modelArtifact,
    console: consoleUrl(spec.region, jobName),
    logs: logsUrl(spec.region, jobName),
    follow: followHint(jobName),
  };
}

async function cloudTrain(flags: CloudTrainFlags) {
  const { clients, spec } = await planJob(flags);
  const { jobName } = spec.layout;
  log(`cloud train: job ${jobName} (an interrupted upload resumes with --job-name ${jobName})`);
  const snapshotDir = flags.snapshot ? resolve(flags.snapshot) : await trainingSnapshot(flags);
  const submitted = await submitJob(clients, spec, snapshotDir);
  if (!flags.wait && flags.download === undefined) return printResult(submitted);
  log(`submitted ${jobName}: ${submitted.console}\nlogs: ${submitted.logs}`);
  printResult({ ...submitted, ...(await follow(clients, jobName, flags)) });
}

async function cloudStatus(jobName: string, flags: FollowFlags) {
  const clients = await awsClients(flags.region);
  const name = checkJobName(jobName);
  const links = { job: name, console: consoleUrl(clients.region, name), logs: logsUrl(clients.region, name) };
  if (flags.wait || flags.download !== undefined)
    return printResult({ ...links, ...(await follow(clients, name, flags)) });
  printResult({ ...links, ...jobSummary(await describeTrainingJob(clients.sagemaker, name)) });
}

function withFollowOptions(command: Command): Command {
  return command
    .option('--region <region>', 'AWS region (default: AWS_REGION or the profile’s)')
    .option('--wait', 'poll until the job ends, printing each status change (Ctrl-C stops waiting, not the job)')
    .option(
      '--download [dir]',
      'when done, unpack the model there (default: a new run folder that becomes latest-model); implies --wait',
    )
    .option('--poll-seconds <n>', 'seconds between status checks', positiveInteger, 30);
}

export function registerCloudCommands(program: Command): void {
  const cloud = program
    .command('cloud')
    .description('Training on AWS SageMaker (the same tf-serving/ code as `train`).');

  withFollowOptions(withDatasetOptions(cloud.command('train')))
    .description('Export the snapshot, upload it with tf-serving/’s code, and start a SageMaker training job.')
    .option('--bucket <name>', 'S3 bucket for inputs and outputs (default: TRAINING_BUCKET)')
    .option('--prefix <prefix>', 'key prefix inside the bucket', 'training/')
    .option('--role-arn <arn>', 'SageMaker execution role (default: SAGEMAKER_TRAINING_ROLE_ARN)')
    .option(
      '--instance-type <type>',
      'training instance (ml.g* / ml.p* run the GPU image; e.g. ml.m5.xlarge for CPU)',
      'ml.g5.xlarge',
    )
    .option(
      '--image-version <version>',
      'TensorFlow training DLC release (default: the TensorFlow tf-serving/requirements.txt pins)',
    )
    .option('--image-uri <uri>', 'training image to use instead of the DLC (any region)')
    .option('--volume-gb <n>', 'ML storage volume (snapshot and checkpoints)', positiveInteger, 30)
    .option('--max-runtime-hours <h>', 'stop the job after this long', positiveNumber, 6)
    .option(
      '--spot',
      'managed spot training (checkpoints in S3; an interrupted job restarts and reuses the encoded texts)',
    )
    .option(
      '--max-wait-hours <h>',
      'spot: longest wait for capacity plus run time (default: twice --max-runtime-hours)',
      positiveNumber,
    )
    .option(
      '--job-name <name>',
      'job name (default: movierec-train-<UTC time>); the same name resumes an interrupted upload',
    )
    .option('--snapshot <dir>', 'a training snapshot folder to upload instead of exporting the database')
    .option('--no-text-cache', 'do not upload $DATA_DIR/cache/text (the job then encodes every movie text)')
    .option('--epochs <n>', 'training epochs (default: the model config)', positiveInteger)
    .option('--seed <n>', 'random seed', wholeNumber)
    .option('--threads <n>', 'intra-op threads (default: the instance’s vCPUs)', positiveInteger)
    .action(cloudTrain);

  withFollowOptions(cloud.command('status').argument('<job-name>', 'training job name'))
    .description('Show a training job; with --wait follow it, with --download unpack its model.')
    .action(cloudStatus);
}
