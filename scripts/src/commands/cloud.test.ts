/**
 * `cloud train` and `cloud status` through commander, with every S3 and SageMaker client mocked
 * (aws-sdk-client-mock): the flags reach the request, the inputs land in the fake S3, and the
 * model comes back as a run folder that becomes latest-model.
 */
import { mkdir, mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTrainingJobCommand,
  DescribeTrainingJobCommand,
  type DescribeTrainingJobCommandOutput,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { Command } from 'commander';
import { create } from 'tar';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeS3 } from '../cloud/fake-s3.test-helper.js';
import { registerCloudCommands } from './cloud.js';

const JOB = 'movierec-train-20261202-041708';
const ROLE = 'arn:aws:iam::123456789012:role/movierec-training';
const ARTIFACT_KEY = `training/${JOB}/output/model.tar.gz`;
const ARTIFACT = `s3://movierec-data/${ARTIFACT_KEY}`;

const s3 = fakeS3();
const sagemaker = mockClient(SageMakerClient);
let root: string;
let stdout: string[];

async function cli(...args: string[]): Promise<Record<string, unknown>> {
  const program = new Command().exitOverride();
  registerCloudCommands(program);
  stdout = [];
  await program.parseAsync(['node', 'cli', 'cloud', ...args]);
  return JSON.parse(stdout.join('')) as Record<string, unknown>;
}

const base = ['--bucket', 'movierec-data', '--role-arn', ROLE, '--region', 'eu-west-1', '--job-name', JOB];

async function artifact(): Promise<Buffer> {
  const exported = join(root, 'exported');
  const files = ['models/models.config', 'movie_embeddings.npy', 'user_tower.safetensors', 'training.json'];
  for (const file of files) {
    await mkdir(join(exported, file, '..'), { recursive: true });
    await writeFile(join(exported, file), file);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of create({ cwd: exported, gzip: true }, files)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const described = (status: 'InProgress' | 'Completed', extra: Partial<DescribeTrainingJobCommandOutput> = {}) => ({
  TrainingJobName: JOB,
  TrainingJobStatus: status,
  SecondaryStatus: status === 'Completed' ? ('Completed' as const) : ('Training' as const),
  ResourceConfig: { InstanceType: 'ml.g5.xlarge' as const, InstanceCount: 1, VolumeSizeInGB: 30 },
  ...extra,
});

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'movierec-cloud-'));
  // config() reads DATA_DIR once: runs and the text cache live in this folder for the whole file.
  process.env.DATA_DIR = join(root, 'data');
  await mkdir(join(root, 'data/cache/text'), { recursive: true });
  await writeFile(join(root, 'data/cache/text/part-00000.npz'), 'vectors');
  await mkdir(join(root, 'snapshot'));
  await writeFile(join(root, 'snapshot/movies.jsonl'), '{"id":1}\n');
  await writeFile(join(root, 'snapshot/ratings.npy'), 'ratings');
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => stdout.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await rm(root, { recursive: true, force: true });
});

beforeEach(() => {
  sagemaker.reset();
  s3.mock.resetHistory();
  s3.objects.clear();
  sagemaker
    .on(CreateTrainingJobCommand)
    .resolves({ TrainingJobArn: `arn:aws:sagemaker:eu-west-1:1:training-job/${JOB}` });
});

describe('cloud train', () => {
  it('uploads the inputs, starts the job and prints where everything is', async () => {
    const result = await cli('train', ...base, '--snapshot', join(root, 'snapshot'), '--epochs', '2', '--seed', '3');

    const request = sagemaker.commandCalls(CreateTrainingJobCommand)[0]?.args[0].input;
    expect(request?.AlgorithmSpecification?.TrainingImage).toBe(
      '763104351884.dkr.ecr.eu-west-1.amazonaws.com/tensorflow-training:2.21.0-gpu-py312-cu129-amzn2023-sagemaker',
    );
    expect(request?.HyperParameters).toMatchObject({ epochs: '2', seed: '3' });
    expect(request?.InputDataConfig?.map((channel) => channel.ChannelName)).toEqual(['training', 'text_cache']);
    expect([...s3.objects.keys()].sort()).toEqual([
      `movierec-data/training/${JOB}/input/snapshot/movies.jsonl`,
      `movierec-data/training/${JOB}/input/snapshot/ratings.npy`,
      `movierec-data/training/${JOB}/input/sourcedir.tar.gz`,
      `movierec-data/training/${JOB}/input/text-cache/part-00000.npz`,
    ]);
    expect(result).toMatchObject({
      job: JOB,
      region: 'eu-west-1',
      spot: false,
      textCache: true,
      uploaded: 4,
      skipped: 0,
      modelArtifact: ARTIFACT,
      follow: `npm run cli -- cloud status ${JOB} --wait --download`,
    });
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand)).toHaveLength(0);
  });

  it('with --spot --download waits, then unpacks the model into a new run that becomes latest-model', async () => {
    sagemaker
      .on(DescribeTrainingJobCommand)
      .resolvesOnce(described('InProgress', { EnableManagedSpotTraining: true }))
      .resolves(
        described('Completed', {
          EnableManagedSpotTraining: true,
          ModelArtifacts: { S3ModelArtifacts: ARTIFACT },
          TrainingTimeInSeconds: 1500,
          BillableTimeInSeconds: 600,
        }),
      );
    s3.objects.set(`movierec-data/${ARTIFACT_KEY}`, { bytes: await artifact(), metadata: {} });

    const result = await cli(
      'train',
      ...base,
      '--snapshot',
      join(root, 'snapshot'),
      '--spot',
      '--no-text-cache',
      '--download',
      '--poll-seconds',
      '1',
    );

    const request = sagemaker.commandCalls(CreateTrainingJobCommand)[0]?.args[0].input;
    expect(request?.EnableManagedSpotTraining).toBe(true);
    expect(request?.InputDataConfig?.map((channel) => channel.ChannelName)).toEqual(['training']);
    const download = result.download as { dir: string; files: number };
    expect(result).toMatchObject({ status: 'Completed', billableSeconds: 600, spot: true });
    expect(download.files).toBe(4);
    expect(download.dir.startsWith(join(root, 'data/runs/'))).toBe(true);
    expect(await readFile(join(download.dir, 'movie_embeddings.npy'), 'utf8')).toBe('movie_embeddings.npy');
    expect(JSON.parse(await readFile(join(download.dir, 'sagemaker-job.json'), 'utf8'))).toEqual({
      job: JOB,
      modelArtifact: ARTIFACT,
    });
    expect(await readlink(join(root, 'data/runs/latest-model'))).toBe(download.dir.split('/').at(-1));
  });
});

describe('cloud status', () => {
  it('shows the job', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(described('InProgress'));
    const result = await cli('status', JOB, '--region', 'eu-west-1');
    expect(result).toMatchObject({ job: JOB, status: 'InProgress', secondaryStatus: 'Training', spot: false });
    expect(result.console).toBe(
      `https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/jobs/${JOB}`,
    );
  });
});
