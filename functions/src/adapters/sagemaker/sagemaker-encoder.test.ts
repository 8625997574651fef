/**
 * The SageMaker adapter with a mocked SageMakerRuntimeClient (the AWS boundary) whose
 * InvokeEndpoint forwards the body to the local TF Serving stand-in serving a tiny real export, as
 * the TF Serving container behind an endpoint would: the test sees the real model's outputs.
 */
import {
  InvokeEndpointCommand,
  type InvokeEndpointCommandInput,
  ModelError,
  SageMakerRuntimeClient,
  SageMakerRuntimeServiceException,
} from '@aws-sdk/client-sagemaker-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config/env.js';
import { describeUserEncoderContract } from '../../core/recommendations/user-encoder.contract.js';
import { pythonPresent, SKIP_WITHOUT_PYTHON } from '../../testing/python.js';
import { TINY_HISTORY_LENGTH } from '../../testing/tiny-model.js';
import { describeExport, serveTinyModel, type ServedTinyModel } from '../tf-serving/testing/tf-serving-standin.js';
import { createSageMakerEncoder } from './sagemaker-encoder.js';

const ENDPOINT = 'movierec-user-tower';
const withPython = pythonPresent();

describe.skipIf(!withPython)(
  `SageMaker encoder (mocked client → TF Serving stand-in)${withPython ? '' : SKIP_WITHOUT_PYTHON}`,
  () => {
    let served: ServedTinyModel;
    const client = new SageMakerRuntimeClient({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const sagemaker = mockClient(client);
    const encoder = (timeoutMs = 10_000) =>
      createSageMakerEncoder({ endpointName: ENDPOINT, timeoutMs, historyLength: TINY_HISTORY_LENGTH, client });

    /** What the TF Serving container does with an InvokeEndpoint body: `model`'s :predict. */
    async function container(input: InvokeEndpointCommandInput, model = 'user_tower') {
      const response = await fetch(`${served.server.url}/v1/models/${model}:predict`, {
        method: 'POST',
        body: input.Body as string,
      });
      const text = await response.text();
      if (!response.ok) {
        const message = `Received client error (${response.status}) from primary with message "${text}".`;
        throw new ModelError({
          message,
          $metadata: { httpStatusCode: 424 },
          OriginalStatusCode: response.status,
          OriginalMessage: text,
        });
      }
      return { Body: new TextEncoder().encode(text), ContentType: 'application/json' };
    }

    beforeAll(async () => {
      served = await serveTinyModel();
    }, 180_000);

    beforeEach(() => {
      sagemaker.reset();
      sagemaker.on(InvokeEndpointCommand).callsFake((input: InvokeEndpointCommandInput) => container(input));
    });

    afterAll(async () => {
      sagemaker.restore();
      await served?.close();
    });

    describeUserEncoderContract('SageMaker (mocked client → TF Serving stand-in)', async () => ({
      encoder: encoder(),
      historyLength: TINY_HISTORY_LENGTH,
      examples: served.examples,
    }));

    it('invokes the endpoint with the TF Serving predict body as JSON', async () => {
      const sagemakerEncoder = encoder();
      expect(sagemakerEncoder.name).toBe(`sagemaker:${ENDPOINT}`);
      const [embedding] = await sagemakerEncoder.encode([[{ movieId: 3, rating: 4 }]]);
      expect(embedding).toHaveLength(128);
      const calls = sagemaker.commandCalls(InvokeEndpointCommand);
      expect(calls).toHaveLength(1);
      expect(calls[0]!.args[0].input).toEqual({
        EndpointName: ENDPOINT,
        ContentType: 'application/json',
        Accept: 'application/json',
        Body: JSON.stringify({
          signature_name: 'serving_default',
          inputs: { history_movie_ids: [[3]], history_ratings: [[4]] },
        }),
      });
      expect(await sagemakerEncoder.encode([])).toEqual([]);
      expect(sagemaker.commandCalls(InvokeEndpointCommand)).toHaveLength(1);
    });

    it("maps a ModelError to CodedError('unavailable') with the container's message", async () => {
      sagemaker.on(InvokeEndpointCommand).callsFake((input: InvokeEndpointCommandInput) => container(input, 'nope'));
      await expect(encoder().encode([[]])).rejects.toMatchObject({
        code: 'unavailable',
        message: `sagemaker: ${ENDPOINT}: model error (HTTP 404): Servable not found for request: Latest(nope)`,
      });
    });

    it('maps throttling and other service errors', async () => {
      const throttled = new SageMakerRuntimeServiceException({
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'Rate exceeded',
      });
      sagemaker.on(InvokeEndpointCommand).rejects(throttled);
      await expect(encoder().encode([[]])).rejects.toMatchObject({
        code: 'unavailable',
        message: `sagemaker: ${ENDPOINT}: ThrottlingException: Rate exceeded`,
      });
      sagemaker
        .on(InvokeEndpointCommand)
        .rejects(new Error('getaddrinfo ENOTFOUND runtime.sagemaker.eu-west-1.amazonaws.com'));
      await expect(encoder().encode([[]])).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringContaining('ENOTFOUND'),
      });
    });

    it('gives up after the timeout (on a fake clock)', async () => {
      sagemaker.on(InvokeEndpointCommand).callsFake(() => new Promise(() => {}));
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        let settled = false;
        const call = encoder(50)
          .encode([[]])
          .finally(() => (settled = true));
        const outcome = expect(call).rejects.toMatchObject({
          code: 'unavailable',
          message: `sagemaker: ${ENDPOINT}: no answer within 50 ms`,
        });
        await vi.advanceTimersByTimeAsync(49);
        expect(settled).toBe(false);
        await vi.advanceTimersByTimeAsync(1);
        await outcome;
      } finally {
        vi.useRealTimers();
      }
    });

    it('refuses an answer that is not the predict JSON', async () => {
      sagemaker
        .on(InvokeEndpointCommand)
        .callsFake(async () => ({ Body: new TextEncoder().encode('{"predictions": []}') }));
      await expect(encoder().encode([[]])).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringContaining('sagemaker: unexpected predict response'),
      });
    });
  },
);

// A real endpoint serving the export at MODEL_DIR (AWS credentials from the usual chain).
const real = loadConfig();
describe.skipIf(!real.encoder.sagemakerEndpoint)(
  'real SageMaker endpoint (set SAGEMAKER_ENDPOINT, AWS_REGION and MODEL_DIR to run)',
  () => {
    describeUserEncoderContract(`SageMaker endpoint ${real.encoder.sagemakerEndpoint}`, async () => {
      const { historyLength, examples } = await describeExport(real.modelDir);
      const { sagemakerEndpoint, awsRegion, timeoutMs } = real.encoder;
      const encoder = createSageMakerEncoder({
        endpointName: sagemakerEndpoint!,
        region: awsRegion,
        timeoutMs: Math.max(timeoutMs, 5_000),
        historyLength,
      });
      return { encoder, historyLength, examples };
    });
  },
);
