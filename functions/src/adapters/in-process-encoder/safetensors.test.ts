import { describe, expect, it } from 'vitest';
import { parseSafetensors } from './safetensors.js';

/** A safetensors file from a header object and raw data bytes. */
function build(header: object, data: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

function sample(): Uint8Array {
  const data = new Uint8Array(24);
  const view = new DataView(data.buffer);
  [1.5, -2, 0.25, 8].forEach((v, i) => view.setFloat32(i * 4, v, true));
  [7, -3].forEach((v, i) => view.setInt32(16 + i * 4, v, true));
  return build(
    {
      __metadata__: { note: 'hi' },
      weights: { dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] },
      ids: { dtype: 'I32', shape: [2], data_offsets: [16, 24] },
    },
    data,
  );
}

describe('parseSafetensors', () => {
  it('reads F32 and I32 tensors and the metadata', () => {
    const file = parseSafetensors(sample(), 'sample.safetensors');
    expect(file.metadata).toEqual({ note: 'hi' });
    const weights = file.tensors.get('weights');
    expect(weights?.dtype).toBe('F32');
    expect(weights?.shape).toEqual([2, 2]);
    expect(Array.from(weights?.data ?? [])).toEqual([1.5, -2, 0.25, 8]);
    const ids = file.tensors.get('ids');
    expect(ids?.dtype).toBe('I32');
    expect(ids?.data).toBeInstanceOf(Int32Array);
    expect(Array.from(ids?.data ?? [])).toEqual([7, -3]);
  });

  it('reads tensors at unaligned positions of the buffer', () => {
    const bytes = sample();
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const file = parseSafetensors(shifted.subarray(1), 'x');
    expect(Array.from(file.tensors.get('ids')?.data ?? [])).toEqual([7, -3]);
  });

  it('copies out of a Node Buffer that views a larger pool', () => {
    // Buffer#slice does not copy: a reader using it would view the whole pool.
    const pooled = Buffer.concat([Buffer.alloc(13, 0xff), Buffer.from(sample()), Buffer.alloc(9, 0xff)]);
    const file = parseSafetensors(pooled.subarray(13, pooled.length - 9), 'x');
    expect(file.tensors.get('weights')?.data).toEqual(new Float32Array([1.5, -2, 0.25, 8]));
    expect(file.tensors.get('ids')?.data).toEqual(new Int32Array([7, -3]));
  });

  it('rejects a truncated file, naming it', () => {
    const bytes = sample();
    expect(() => parseSafetensors(bytes.subarray(0, bytes.length - 4), 'cut.safetensors')).toThrow(
      /cut\.safetensors: .*"ids": data_offsets \[16, 24\] outside the 20 data bytes \(truncated\?\)/,
    );
    expect(() => parseSafetensors(bytes.subarray(0, 30), 'cut.safetensors')).toThrow(
      /cut\.safetensors: .*header length \d+ exceeds the file/,
    );
    expect(() => parseSafetensors(bytes.subarray(0, 5), 'cut.safetensors')).toThrow(/cut\.safetensors: .*too short/);
  });

  it('rejects unsupported dtypes, bad sizes and bad headers', () => {
    const f16 = build({ h: { dtype: 'F16', shape: [2], data_offsets: [0, 4] } }, new Uint8Array(4));
    expect(() => parseSafetensors(f16, 'h.safetensors')).toThrow(
      /h\.safetensors: .*"h": unsupported dtype F16 \(only F32 and I32\)/,
    );
    const wrongSize = build({ w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, new Uint8Array(8));
    expect(() => parseSafetensors(wrongSize, 'w.safetensors')).toThrow(/w\.safetensors: .*8 bytes for shape \[3\]/);
    const notJson = build({}, new Uint8Array(0));
    notJson[8] = 0x5b; // '[' … '}' is not JSON
    expect(() => parseSafetensors(notJson, 'j.safetensors')).toThrow(/j\.safetensors: .*not valid JSON/);
    const badMeta = build({ __metadata__: { n: 1 } }, new Uint8Array(0));
    expect(() => parseSafetensors(badMeta, 'm.safetensors')).toThrow(/__metadata__ must map strings to strings/);
  });
});
