import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeTrainingJobCommand,
  type DescribeTrainingJobCommandOutput,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { create } from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeS3 } from './fake-s3.test-helper.js';
import { downloadModelArtifact, waitForTrainingJob, type JobProgress } from './job-follow.js';

const JOB = 'movierec-train-20261202-041708';
const ARTIFACT = `s3://movierec-data/training/${JOB}/output/model.tar.gz`;

const state = (
  TrainingJobStatus: DescribeTrainingJobCommandOutput['TrainingJobStatus'],
  SecondaryStatus: DescribeTrainingJobCommandOutput['SecondaryStatus'],
  extra: Partial<DescribeTrainingJobCommandOutput> = {},
): Partial<DescribeTrainingJobCommandOutput> => ({
  TrainingJobName: JOB,
  TrainingJobStatus,
  SecondaryStatus,
  SecondaryStatusTransitions: [
    { Status: SecondaryStatus, StartTime: new Date(), StatusMessage: `${SecondaryStatus}…` },
  ],
  ...extra,
});

describe('following a training job', () => {
  const client = new SageMakerClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const sagemaker = mockClient(client);
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };

  beforeEach(() => {
    sagemaker.reset();
    sleeps.length = 0;
  });

  it('reports each status transition once and returns the completed job', async () => {
    sagemaker
      .on(DescribeTrainingJobCommand)
      .resolvesOnce(state('InProgress', 'Starting'))
      .resolvesOnce(state('InProgress', 'Starting'))
      .resolvesOnce(state('InProgress', 'Downloading'))
      .resolvesOnce(state('InProgress', 'Training'))
      .resolves(state('Completed', 'Completed', { ModelArtifacts: { S3ModelArtifacts: ARTIFACT } }));
    const seen: JobProgress[] = [];

    const result = await waitForTrainingJob(client, JOB, { pollSeconds: 15, sleep, onProgress: (p) => seen.push(p) });

    expect(seen.map((p) => `${p.status}/${p.secondaryStatus}`)).toEqual([
      'InProgress/Starting',
      'InProgress/Downloading',
      'InProgress/Training',
      'Completed/Completed',
    ]);
    expect(seen[2]?.message).toBe('Training…');
    expect(result.state).toBe('completed');
    expect(result.job?.ModelArtifacts?.S3ModelArtifacts).toBe(ARTIFACT);
    expect(sleeps).toEqual([15_000, 15_000, 15_000, 15_000]);
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand)[0]?.args[0].input).toEqual({ TrainingJobName: JOB });
  });

  it('fails with the job’s FailureReason', async () => {
    sagemaker
      .on(DescribeTrainingJobCommand)
      .resolvesOnce(state('InProgress', 'Training'))
      .resolves(
        state('Failed', 'Failed', {
          FailureReason: 'AlgorithmError: ImportError: movierec_model needs TensorFlow 2.21.x',
        }),
      );
    await expect(waitForTrainingJob(client, JOB, { sleep })).rejects.toThrow(
      `training job ${JOB} failed (Failed): AlgorithmError: ImportError: movierec_model needs TensorFlow 2.21.x`,
    );
  });

  it('reports a stopped job as such', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(state('Stopped', 'MaxWaitTimeExceeded'));
    await expect(waitForTrainingJob(client, JOB, { sleep })).rejects.toThrow(
      `training job ${JOB} was stopped (MaxWaitTimeExceeded)`,
    );
  });

  it('stops following, not the job, when aborted', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(state('InProgress', 'Training'));
    const controller = new AbortController();
    const interrupted = async () => {
      controller.abort();
      throw new DOMException('The operation was aborted', 'AbortError');
    };

    const result = await waitForTrainingJob(client, JOB, { signal: controller.signal, sleep: interrupted });

    expect(result.state).toBe('interrupted');
    expect(result.job?.TrainingJobStatus).toBe('InProgress');
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand)).toHaveLength(1);
  });

  it('names the job when AWS answers with an error', async () => {
    sagemaker.on(DescribeTrainingJobCommand).rejects(new Error('Requested resource not found'));
    await expect(waitForTrainingJob(client, JOB, { sleep })).rejects.toThrow(
      `training job ${JOB}: DescribeTrainingJob failed: Error: Requested resource not found`,
    );
  });
});

describe('downloading the model', () => {
  let dir: string;
  const s3 = fakeS3();

  /** A model.tar.gz as SageMaker makes it: the contents of SM_MODEL_DIR at the archive's root. */
  async function putArtifact(files: Record<string, string>, links: Record<string, string> = {}) {
    const exported = join(dir, 'exported');
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(exported, path, '..'), { recursive: true });
      await writeFile(join(exported, path), text);
    }
    for (const [path, target] of Object.entries(links)) await symlink(target, join(exported, path));
    const chunks: Buffer[] = [];
    for await (const chunk of create({ cwd: exported, gzip: true }, [...Object.keys(files), ...Object.keys(links)]))
      chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    s3.objects.set(`movierec-data/training/${JOB}/output/model.tar.gz`, { bytes, metadata: {} });
  }

  const EXPORT = {
    'models/models.config': 'model_config_list {}',
    'models/user_tower/1764649028/saved_model.pb': 'pb',
    'models/user_tower/1764649028/variables/variables.index': 'index',
    'movie_embeddings.npy': 'embeddings',
    'user_tower.safetensors': 'weights',
    'user_tower_examples.json': '[]',
    'training.json': '{"version": 1764649028}',
  };

  beforeEach(async () => {
    s3.objects.clear();
    dir = await mkdtemp(join(tmpdir(), 'movierec-download-'));
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('unpacks model.tar.gz into the layout of a local training run', async () => {
    await putArtifact(EXPORT);
    const files = await downloadModelArtifact(s3.client, ARTIFACT, join(dir, 'run'));
    expect(files).toEqual(Object.keys(EXPORT).sort());
    expect(await readFile(join(dir, 'run/movie_embeddings.npy'), 'utf8')).toBe('embeddings');
    expect(await readFile(join(dir, 'run/models/user_tower/1764649028/saved_model.pb'), 'utf8')).toBe('pb');
  });

  it('extracts files and folders only, never links', async () => {
    await putArtifact(EXPORT, { 'escape.txt': '/etc/passwd' });
    const files = await downloadModelArtifact(s3.client, ARTIFACT, join(dir, 'run'));
    expect(files).not.toContain('escape.txt');
    await expect(readFile(join(dir, 'run/escape.txt'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses an archive that is not a training export', async () => {
    await putArtifact({ 'model.keras': 'weights', 'models/models.config': '' });
    await expect(downloadModelArtifact(s3.client, ARTIFACT, join(dir, 'run'))).rejects.toThrow(
      /is not a training export: movie_embeddings\.npy, user_tower\.safetensors missing/,
    );
  });

  it('does not mix the model into a folder holding something else', async () => {
    await putArtifact(EXPORT);
    await mkdir(join(dir, 'run'));
    await writeFile(join(dir, 'run/old.npy'), 'old');
    await expect(downloadModelArtifact(s3.client, ARTIFACT, join(dir, 'run'))).rejects.toThrow(/is not empty/);
  });
});
