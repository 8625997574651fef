/**
 * A minimal reader of the safetensors format: an 8-byte little-endian header length N, N bytes of
 * JSON ({"__metadata__": {string: string}, name: {dtype, shape, data_offsets}}), then the raw
 * little-endian tensor data (offsets relative to the end of the header). Only F32 and I32.
 */
import { readFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { z } from 'zod';
import { DataFileError } from '../../core/errors.js';

export type Tensor =
  { dtype: 'F32'; shape: number[]; data: Float32Array } | { dtype: 'I32'; shape: number[]; data: Int32Array };

export interface SafetensorsFile {
  tensors: Map<string, Tensor>;
  metadata: Record<string, string>;
}

const MAX_HEADER_BYTES = 100_000_000; // the format's own limit

const tensorInfo = z.object({
  dtype: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  data_offsets: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
});

/** Reads and parses the safetensors file at `path` (errors name the file). */
export async function readSafetensors(path: string): Promise<SafetensorsFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new DataFileError(path, null, `cannot read: ${(error as Error).message}`);
  }
  return parseSafetensors(bytes, path);
}

/** Parses safetensors bytes; `file` names the source in errors. Tensor data is copied (aligned). */
export function parseSafetensors(bytes: Uint8Array, file: string): SafetensorsFile {
  const fail = (detail: string): never => {
    throw new DataFileError(file, null, `safetensors: ${detail}`);
  };
  if (endianness() !== 'LE') fail('only little-endian hosts are supported');
  if (bytes.byteLength < 8) fail(`file too short (${bytes.byteLength} bytes) for the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getBigUint64(0, true);
  if (headerLength > BigInt(Math.min(MAX_HEADER_BYTES, bytes.byteLength - 8))) {
    fail(`header length ${headerLength} exceeds the file (${bytes.byteLength} bytes; truncated?)`);
  }
  const dataStart = 8 + Number(headerLength);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, dataStart)));
  } catch (error) {
    return fail(`header is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    return fail('header is not a JSON object');

  const dataLength = bytes.byteLength - dataStart;
  const metadata: Record<string, string> = {};
  const tensors = new Map<string, Tensor>();
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') {
      const parsed = z.record(z.string(), z.string()).safeParse(value);
      if (!parsed.success) fail('__metadata__ must map strings to strings');
      else Object.assign(metadata, parsed.data);
      continue;
    }
    const parsed = tensorInfo.safeParse(value);
    if (!parsed.success) return fail(`tensor "${name}": invalid entry (${z.prettifyError(parsed.error)})`);
    const {
      dtype,
      shape,
      data_offsets: [begin, end],
    } = parsed.data;
    if (dtype !== 'F32' && dtype !== 'I32') fail(`tensor "${name}": unsupported dtype ${dtype} (only F32 and I32)`);
    if (begin > end || end > dataLength) {
      fail(`tensor "${name}": data_offsets [${begin}, ${end}] outside the ${dataLength} data bytes (truncated?)`);
    }
    const count = shape.reduce((a, b) => a * b, 1);
    if (end - begin !== count * 4)
      fail(`tensor "${name}": ${end - begin} bytes for shape [${shape.join(', ')}] of ${dtype}`);
    // Copy (new Uint8Array(view) always copies, unlike Buffer#slice): the data may not be 4-byte
    // aligned within the file's buffer.
    const buffer = new Uint8Array(bytes.subarray(dataStart + begin, dataStart + end)).buffer;
    tensors.set(
      name,
      dtype === 'F32'
        ? { dtype, shape, data: new Float32Array(buffer) }
        : { dtype: 'I32', shape, data: new Int32Array(buffer) },
    );
  }
  return { tensors, metadata };
}
