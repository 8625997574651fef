/**
 * The user tower run in-process from `user_tower.safetensors` (docs/model.md): the same computation
 * as the exported SavedModel, in plain loops over typed arrays.
 */
import { z } from 'zod';
import { CodedError, DataFileError } from '../../core/errors.js';
import type { RatedMovie, UserEncoder } from '../../core/recommendations/user-encoder.port.js';
import { readSafetensors, type SafetensorsFile } from './safetensors.js';

export const USER_TOWER_METADATA_KEY = 'movierec_user_tower';
const RATING_VALUES = 10;

const metadataSchema = z.object({
  format: z.literal(1),
  version: z.number().int(),
  history_length: z.number().int().positive(),
  embedding_dim: z.number().int().positive(),
  padding_movie_id: z.number().int(),
  layers: z.array(z.object({ kernel: z.string(), bias: z.string(), activation: z.enum(['relu', 'linear']) })).min(1),
  normalization: z.object({ kind: z.literal('l2'), epsilon: z.number().positive() }),
});

interface Layer {
  kernel: Float32Array; // [inputs, outputs], row-major
  bias: Float32Array;
  inputs: number;
  outputs: number;
  relu: boolean;
}

export type InProcessUserEncoder = UserEncoder & { historyLength: number; dimension: number };

/** Loads the user tower weights at `path` and returns an encoder that runs them in-process. */
export async function loadInProcessUserEncoder(path: string): Promise<InProcessUserEncoder> {
  return userEncoderFromWeights(await readSafetensors(path), path);
}

/** Builds the encoder from a parsed safetensors file; `file` names it in errors. */
export function userEncoderFromWeights({ tensors, metadata }: SafetensorsFile, file: string): InProcessUserEncoder {
  const fail = (detail: string): never => {
    throw new DataFileError(file, null, `user tower: ${detail}`);
  };
  const raw = metadata[USER_TOWER_METADATA_KEY];
  if (raw === undefined) return fail(`no "${USER_TOWER_METADATA_KEY}" metadata`);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return fail(`metadata is not JSON: ${(error as Error).message}`);
  }
  const parsed = metadataSchema.safeParse(json);
  if (!parsed.success) return fail(`invalid metadata: ${z.prettifyError(parsed.error)}`);
  const meta = parsed.data;

  const tensor = <D extends 'F32' | 'I32'>(name: string, dtype: D, rank: number) => {
    const t = tensors.get(name);
    if (!t) return fail(`missing tensor "${name}"`);
    if (t.dtype !== dtype || t.shape.length !== rank)
      return fail(`tensor "${name}" is ${t.dtype}[${t.shape.join(', ')}], expected rank-${rank} ${dtype}`);
    return t as Extract<typeof t, { dtype: D }>;
  };
  const movieIds = tensor('movie_ids', 'I32', 1).data;
  const items = tensor('item_vectors', 'F32', 2);
  const [rowCount = 0, itemDim = 0] = items.shape;
  if (rowCount !== movieIds.length) fail(`item_vectors has ${rowCount} rows for ${movieIds.length} movie_ids`);
  const ratingWeights = tensor('rating_weights', 'F32', 1).data;
  if (ratingWeights.length !== RATING_VALUES)
    fail(`rating_weights has ${ratingWeights.length} values, expected ${RATING_VALUES}`);

  const layers: Layer[] = [];
  let width = itemDim;
  for (const spec of meta.layers) {
    const kernel = tensor(spec.kernel, 'F32', 2);
    const bias = tensor(spec.bias, 'F32', 1).data;
    const [inputs = 0, outputs = 0] = kernel.shape;
    if (inputs !== width || bias.length !== outputs) {
      fail(
        `layer ${spec.kernel} is [${kernel.shape.join(', ')}] with bias [${bias.length}], expected [${width}, n] and [n]`,
      );
    }
    layers.push({ kernel: kernel.data, bias, inputs, outputs, relu: spec.activation === 'relu' });
    width = outputs;
  }
  if (width !== meta.embedding_dim)
    fail(`the last layer makes ${width}-d vectors, metadata says ${meta.embedding_dim}`);

  const rowOf = new Map<number, number>();
  movieIds.forEach((id, row) => rowOf.set(id, row));
  const { history_length: historyLength, padding_movie_id: padding } = meta;
  const epsilon = meta.normalization.epsilon;
  const maxWidth = Math.max(itemDim, ...layers.map((l) => l.outputs));

  function encodeOne(history: RatedMovie[]): Float32Array {
    let x = new Float64Array(maxWidth);
    let count = 0;
    for (let i = Math.max(0, history.length - historyLength); i < history.length; i++) {
      const { movieId, rating } = history[i]!;
      if (movieId === padding) continue;
      const row = rowOf.get(movieId);
      if (row === undefined) continue;
      if (!Number.isFinite(rating))
        throw new CodedError('invalid_input', `rating of movie ${movieId} is not a number: ${rating}`);
      // float32 like the SavedModel's input; Python/TF round half to even.
      const index = Math.min(Math.max(roundHalfEven(Math.fround(rating) * 2) - 1, 0), RATING_VALUES - 1);
      const weight = ratingWeights[index]!;
      const offset = row * itemDim;
      for (let j = 0; j < itemDim; j++) x[j]! += weight * items.data[offset + j]!;
      count++;
    }
    const scale = 1 / Math.max(count, 1);
    for (let j = 0; j < itemDim; j++) x[j]! *= scale;
    for (const { kernel, bias, inputs, outputs, relu } of layers) {
      const y = new Float64Array(maxWidth);
      for (let o = 0; o < outputs; o++) y[o] = bias[o]!;
      for (let i = 0; i < inputs; i++) {
        const xi = x[i]!;
        if (xi === 0) continue;
        const offset = i * outputs;
        for (let o = 0; o < outputs; o++) y[o]! += xi * kernel[offset + o]!;
      }
      if (relu) for (let o = 0; o < outputs; o++) if (y[o]! < 0) y[o] = 0;
      x = y;
    }
    let squares = 0;
    for (let j = 0; j < width; j++) squares += x[j]! * x[j]!;
    const norm = 1 / Math.sqrt(Math.max(squares, epsilon));
    const out = new Float32Array(width);
    for (let j = 0; j < width; j++) out[j] = x[j]! * norm;
    return out;
  }

  return {
    name: `in-process-user-tower@${meta.version}`,
    historyLength,
    dimension: width,
    encode: async (histories) => histories.map(encodeOne),
  };
}

function roundHalfEven(value: number): number {
  const rounded = Math.round(value); // rounds halves up
  return rounded - value === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}
