/**
 * The TF Serving client against the local stand-in serving a tiny real export (and against a real
 * TF Serving when TF_SERVING_URL is set): the UserEncoder contract, parity with the in-process
 * encoder, model status and every failure mapped to CodedError('unavailable').
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../core/seeded-random.js';
import { loadConfig } from '../../config/env.js';
import type { RatedMovie } from '../../core/recommendations/user-encoder.port.js';
import { describeUserEncoderContract, maxAbsDiff } from '../../core/recommendations/user-encoder.contract.js';
import { pythonPresent, SKIP_WITHOUT_PYTHON } from '../../testing/python.js';
import { TINY_HISTORY_LENGTH } from '../../testing/tiny-model.js';
import { readSafetensors } from '../in-process-encoder/safetensors.js';
import { loadInProcessUserEncoder } from '../in-process-encoder/user-tower.js';
import { tfServingModelStatus } from './model-status.js';
import { describeExport, serveTinyModel, type ServedTinyModel } from './testing/tf-serving-standin.js';
import { createTfServingEncoder } from './tf-serving-encoder.js';

const withPython = pythonPresent();

const random = mulberry32;

function randomHistories(count: number, knownIds: readonly number[], maxLength: number): RatedMovie[][] {
  const next = random(42);
  const unknownId = Math.max(...knownIds) + 1;
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(next() * (maxLength + 1)) }, () => ({
      movieId: next() < 0.1 ? unknownId : knownIds[Math.floor(next() * knownIds.length)]!,
      rating: (1 + Math.floor(next() * 10)) / 2,
    })),
  );
}

/** A local HTTP server answering with `handler`. */
async function listen(handler: RequestListener): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe.skipIf(!withPython)(`TF Serving client vs the local stand-in${withPython ? '' : SKIP_WITHOUT_PYTHON}`, () => {
  let served: ServedTinyModel;
  const encoder = (model = 'user_tower', timeoutMs = 10_000) =>
    createTfServingEncoder({ url: served.server.url, model, timeoutMs, historyLength: TINY_HISTORY_LENGTH });

  beforeAll(async () => {
    served = await serveTinyModel();
  }, 180_000);

  afterAll(async () => {
    await served?.close();
  });

  describeUserEncoderContract('TF Serving stand-in', async () => ({
    encoder: encoder(),
    historyLength: TINY_HISTORY_LENGTH,
    examples: served.examples,
  }));

  it("gives the in-process encoder's embeddings on 20 random histories (max abs difference < 1e-4)", async () => {
    const inProcess = await loadInProcessUserEncoder(served.model.safetensors);
    const knownIds = Array.from((await readSafetensors(served.model.safetensors)).tensors.get('movie_ids')!.data);
    const histories = randomHistories(20, knownIds, 2 * TINY_HISTORY_LENGTH);
    const [local, remote] = await Promise.all([inProcess.encode(histories), encoder().encode(histories)]);
    const worst = Math.max(...local.map((embedding, i) => maxAbsDiff(embedding, remote[i]!)));
    expect(worst).toBeLessThan(1e-4);
  });

  it('is named after the model and sends the columnar format to <url>/v1/models/<model>:predict', async () => {
    const requests: { url: string; body: unknown }[] = [];
    const recording: typeof fetch = async (url, init) => {
      requests.push({ url: String(url), body: JSON.parse(String(init?.body)) });
      return fetch(url, init);
    };
    const client = createTfServingEncoder({
      url: `${served.server.url}/`,
      model: 'user_tower',
      timeoutMs: 10_000,
      fetch: recording,
    });
    expect(client.name).toBe('tf-serving:user_tower');
    await client.encode([[{ movieId: 3, rating: 4 }]]);
    expect(requests).toEqual([
      {
        url: `${served.server.url}/v1/models/user_tower:predict`,
        body: { signature_name: 'serving_default', inputs: { history_movie_ids: [[3]], history_ratings: [[4]] } },
      },
    ]);
  });

  it('reports the model status', async () => {
    expect(await tfServingModelStatus(served.server.url, 'user_tower', 5_000)).toEqual({
      model: 'user_tower',
      available: true,
      versions: [{ version: '1', state: 'AVAILABLE', error: null }],
    });
    await expect(tfServingModelStatus(served.server.url, 'nope', 5_000)).rejects.toMatchObject({
      code: 'unavailable',
      message: `tf-serving: GET ${served.server.url}/v1/models/nope: HTTP 404: Could not find any versions of model nope`,
    });
  });

  it("maps TF Serving's error body to CodedError('unavailable')", async () => {
    await expect(encoder('nope').encode([[]])).rejects.toMatchObject({
      code: 'unavailable',
      message: `tf-serving: POST ${served.server.url}/v1/models/nope:predict: HTTP 404: Servable not found for request: Latest(nope)`,
    });
    // The content tower takes other inputs: TF Serving answers 400, which is the server's problem here.
    await expect(encoder('content_tower').encode([[]])).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/HTTP 400: .*history_movie_ids/),
    });
  });
});

describe('TF Serving client failures', () => {
  const servers: Server[] = [];
  afterAll(() => {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
  });

  it('times out', async () => {
    const { url, server } = await listen(() => {});
    servers.push(server);
    const started = performance.now();
    const client = createTfServingEncoder({ url, model: 'user_tower', timeoutMs: 50 });
    await expect(client.encode([[]])).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/: no answer within 50 ms$/),
    });
    await expect(tfServingModelStatus(url, 'user_tower', 50)).rejects.toMatchObject({
      message: expect.stringMatching(/no answer within 50 ms$/),
    });
    // Generous: a loaded CI machine may be slow, but without the timeout this would hang for good.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('reports a server that cannot be reached', async () => {
    const { url, server } = await listen(() => {});
    await new Promise((resolve) => server.close(resolve));
    await expect(
      createTfServingEncoder({ url, model: 'user_tower', timeoutMs: 1_000 }).encode([[]]),
    ).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/^tf-serving: POST .*: cannot reach it: fetch failed: .*ECONNREFUSED/),
    });
  });

  it('reports an answer that is not what TF Serving sends', async () => {
    const { url, server } = await listen((_, response) => response.end('{"outputs": "gone"}'));
    servers.push(server);
    await expect(
      createTfServingEncoder({ url, model: 'user_tower', timeoutMs: 1_000 }).encode([[]]),
    ).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('tf-serving: unexpected predict response'),
    });
    await expect(tfServingModelStatus(url, 'user_tower', 1_000)).rejects.toMatchObject({
      message: expect.stringContaining('tf-serving: unexpected model status'),
    });
  });
});

// A real TF Serving serving the export at MODEL_DIR (e.g. the docker run in docs/model.md).
const real = loadConfig();
describe.skipIf(!real.encoder.tfServingUrl)(
  'real TF Serving (set TF_SERVING_URL, TF_SERVING_MODEL and MODEL_DIR to run)',
  () => {
    describeUserEncoderContract(`TF Serving at ${real.encoder.tfServingUrl}`, async () => {
      const { historyLength, examples } = await describeExport(real.modelDir);
      const { tfServingUrl, tfServingModel, timeoutMs } = real.encoder;
      return {
        encoder: createTfServingEncoder({
          url: tfServingUrl!,
          model: tfServingModel,
          timeoutMs: Math.max(timeoutMs, 5_000),
          historyLength,
        }),
        historyLength,
        examples,
      };
    });

    it('reports the model as available', async () => {
      expect(await tfServingModelStatus(real.encoder.tfServingUrl!, real.encoder.tfServingModel, 5_000)).toMatchObject({
        available: true,
      });
    });
  },
);
