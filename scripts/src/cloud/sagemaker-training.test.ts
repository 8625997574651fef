import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  CreateTrainingJobCommand,
  ResourceInUse,
  SageMakerClient,
  SageMakerServiceException,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeS3 } from './fake-s3.test-helper.js';
import {
  checkJobName,
  createTrainingJob,
  jobLayout,
  newJobName,
  trainingJobRequest,
  uploadTrainingInputs,
  type TrainingJobSpec,
} from './sagemaker-training.js';
import type { TrainingSource } from './training-source.js';

const JOB = 'movierec-train-20261202-041708';
const IMAGE =
  '763104351884.dkr.ecr.eu-west-1.amazonaws.com/tensorflow-training:2.21.0-gpu-py312-cu129-amzn2023-sagemaker';

const spec = (extra: Partial<TrainingJobSpec> = {}): TrainingJobSpec => ({
  layout: jobLayout('movierec-data', 'training/', JOB),
  region: 'eu-west-1',
  roleArn: 'arn:aws:iam::123456789012:role/movierec-training',
  imageUri: IMAGE,
  instanceType: 'ml.g5.xlarge',
  volumeGb: 30,
  maxRuntimeHours: 6,
  spot: null,
  textCache: true,
  hyperParameters: { epochs: 5, seed: 0 },
  ...extra,
});

describe('job names and layout', () => {
  it('names a job by its UTC start, in the characters SageMaker allows', () => {
    expect(newJobName(new Date('2026-12-02T04:17:08.123Z'))).toBe(JOB);
    expect(checkJobName(JOB)).toBe(JOB);
    expect(() => checkJobName('movierec_train')).toThrow(/letters, digits or hyphens/);
    expect(() => checkJobName('x'.repeat(64))).toThrow(/1–63/);
  });

  it('keeps every file of a job under <prefix><job>/, whatever slashes the prefix has', () => {
    for (const prefix of ['training/', '/training', 'training//'])
      expect(jobLayout('b', prefix, JOB)).toMatchObject({
        snapshotPrefix: `training/${JOB}/input/snapshot/`,
        textCachePrefix: `training/${JOB}/input/text-cache/`,
        sourceArchiveKey: `training/${JOB}/input/sourcedir.tar.gz`,
        outputPath: 's3://b/training/',
        checkpoints: `s3://b/training/${JOB}/checkpoints/`,
      });
    expect(jobLayout('b', '', JOB).sourceArchiveKey).toBe(`${JOB}/input/sourcedir.tar.gz`);
  });

  it('expects the model where SageMaker writes it: <output path><job>/output/model.tar.gz', () => {
    const layout = jobLayout('b', 'training/', JOB);
    expect(layout.modelArtifact).toBe(`${layout.outputPath}${JOB}/output/model.tar.gz`);
  });
});

describe('CreateTrainingJob request', () => {
  it('runs the DLC in script mode on the instance, with the snapshot and cache channels', () => {
    const request = trainingJobRequest(spec());
    expect(request.TrainingJobName).toBe(JOB);
    expect(request.RoleArn).toBe('arn:aws:iam::123456789012:role/movierec-training');
    expect(request.AlgorithmSpecification).toMatchObject({ TrainingImage: IMAGE, TrainingInputMode: 'File' });
    expect(request.ResourceConfig).toEqual({ InstanceType: 'ml.g5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 });
    expect(request.InputDataConfig?.map((c) => [c.ChannelName, c.DataSource?.S3DataSource?.S3Uri])).toEqual([
      ['training', `s3://movierec-data/training/${JOB}/input/snapshot/`],
      ['text_cache', `s3://movierec-data/training/${JOB}/input/text-cache/`],
    ]);
    expect(request.OutputDataConfig).toEqual({ S3OutputPath: 's3://movierec-data/training/' });
    expect(request.StoppingCondition).toEqual({ MaxRuntimeInSeconds: 6 * 3600 });
    expect(request.EnableManagedSpotTraining).toBeUndefined();
    expect(request.CheckpointConfig).toBeUndefined();
  });

  it('passes the entry point, the source archive and the hyper-parameters JSON-encoded, as the SDK does', () => {
    const parameters = trainingJobRequest(spec()).HyperParameters ?? {};
    expect(parameters).toEqual({
      sagemaker_program: '"movierec_model/sagemaker_entry.py"',
      sagemaker_submit_directory: `"s3://movierec-data/training/${JOB}/input/sourcedir.tar.gz"`,
      sagemaker_region: '"eu-west-1"',
      sagemaker_job_name: `"${JOB}"`,
      sagemaker_container_log_level: '20',
      epochs: '5',
      seed: '0',
    });
    const withThreads = trainingJobRequest(spec({ hyperParameters: { threads: 4 } })).HyperParameters ?? {};
    expect([withThreads.threads, withThreads.epochs]).toEqual(['4', undefined]);
  });

  it('leaves the text cache channel out when there is none', () => {
    const channels = trainingJobRequest(spec({ textCache: false })).InputDataConfig?.map((c) => c.ChannelName);
    expect(channels).toEqual(['training']);
  });

  it('asks for managed spot capacity with checkpoints in S3, handed to the entry point', () => {
    const request = trainingJobRequest(spec({ spot: { maxWaitHours: 12 } }));
    expect(request.EnableManagedSpotTraining).toBe(true);
    expect(request.StoppingCondition).toEqual({ MaxRuntimeInSeconds: 6 * 3600, MaxWaitTimeInSeconds: 12 * 3600 });
    expect(request.CheckpointConfig).toEqual({
      S3Uri: `s3://movierec-data/training/${JOB}/checkpoints/`,
      LocalPath: '/opt/ml/checkpoints',
    });
    expect(request.HyperParameters?.['checkpoint-dir']).toBe('"/opt/ml/checkpoints"');
  });
});

describe('uploading the inputs', () => {
  let dir: string;
  const s3 = fakeS3();
  const source: TrainingSource = {
    archive: Buffer.from('archive'),
    sha256: createHash('sha256').update('archive').digest('hex'),
    files: [],
  };

  beforeEach(async () => {
    s3.mock.resetHistory();
    s3.objects.clear();
    dir = await mkdtemp(join(tmpdir(), 'movierec-upload-'));
    await mkdir(join(dir, 'snapshot'));
    await mkdir(join(dir, 'text'));
    for (const [name, text] of Object.entries({
      'snapshot/movies.jsonl': '{"id":1}\n',
      'snapshot/ratings.npy': 'ratings',
      'snapshot/manifest.json': '{}',
      'text/part-00000.npz': 'vectors 0',
      'text/part-00001.npz': 'vectors 1',
      'text/.part-00002.tmp.npz': 'half written',
    }))
      await writeFile(join(dir, name), text);
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  const upload = () =>
    uploadTrainingInputs(s3.client, jobLayout('movierec-data', 'training/', JOB), {
      snapshotDir: join(dir, 'snapshot'),
      textCacheDir: join(dir, 'text'),
      source,
    });

  it('puts the snapshot, the cache parts and the source archive under the job’s input/', async () => {
    const result = await upload();
    const root = `movierec-data/training/${JOB}/input`;
    expect([...s3.objects.keys()].sort()).toEqual([
      `${root}/snapshot/manifest.json`,
      `${root}/snapshot/movies.jsonl`,
      `${root}/snapshot/ratings.npy`,
      `${root}/sourcedir.tar.gz`,
      `${root}/text-cache/part-00000.npz`,
      `${root}/text-cache/part-00001.npz`,
    ]);
    expect(s3.objects.get(`${root}/snapshot/ratings.npy`)?.bytes.toString()).toBe('ratings');
    expect(s3.objects.get(`${root}/sourcedir.tar.gz`)?.metadata).toEqual({ sha256: source.sha256 });
    expect(result.textCache).toBe(true);
    expect(result.files.every((file) => file.uploaded)).toBe(true);
  });

  it('skips what S3 already holds with the same content, uploads what changed', async () => {
    await upload();
    await writeFile(join(dir, 'snapshot/ratings.npy'), 'more ratings');
    s3.mock.resetHistory();

    const again = await upload();

    const put = s3.mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Key);
    expect(put).toEqual([`training/${JOB}/input/snapshot/ratings.npy`]);
    expect(again.files.filter((file) => !file.uploaded)).toHaveLength(5);
    expect(s3.objects.get(`movierec-data/training/${JOB}/input/snapshot/ratings.npy`)?.bytes.toString()).toBe(
      'more ratings',
    );
  });

  it('goes without the text cache when there is none', async () => {
    const result = await uploadTrainingInputs(s3.client, jobLayout('b', '', JOB), {
      snapshotDir: join(dir, 'snapshot'),
      textCacheDir: join(dir, 'missing'),
      source,
    });
    expect(result.textCache).toBe(false);
    expect([...s3.objects.keys()].some((key) => key.includes('text-cache'))).toBe(false);
  });

  it('refuses a folder that is not a training snapshot', async () => {
    await rm(join(dir, 'snapshot/ratings.npy'));
    await expect(upload()).rejects.toThrow(/is not a training snapshot: ratings\.npy missing/);
  });
});

describe('creating the job', () => {
  const client = new SageMakerClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const sagemaker = mockClient(client);

  beforeEach(() => sagemaker.reset());

  it('sends the request as built', async () => {
    sagemaker
      .on(CreateTrainingJobCommand)
      .resolves({ TrainingJobArn: `arn:aws:sagemaker:eu-west-1:1:training-job/${JOB}` });
    const request = trainingJobRequest(spec());
    await createTrainingJob(client, request);
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)[0]?.args[0].input).toEqual(request);
  });

  it('says how to follow a job whose name is taken', async () => {
    sagemaker
      .on(CreateTrainingJobCommand)
      .rejects(new ResourceInUse({ message: 'Job name must be unique', $metadata: {} }));
    await expect(createTrainingJob(client, trainingJobRequest(spec()))).rejects.toThrow(
      `a training job named ${JOB} already exists: pick another --job-name, or follow it with \`npm run cli -- cloud status ${JOB} --wait\``,
    );
  });

  it('names the job and the step in an AWS error', async () => {
    sagemaker.on(CreateTrainingJobCommand).rejects(
      new SageMakerServiceException({
        name: 'ValidationException',
        $fault: 'client',
        message: 'Could not assume role',
        $metadata: {},
      }),
    );
    await expect(createTrainingJob(client, trainingJobRequest(spec()))).rejects.toThrow(
      `training job ${JOB}: CreateTrainingJob failed: ValidationException: Could not assume role`,
    );
  });
});
