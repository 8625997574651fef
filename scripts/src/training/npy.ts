/**
 * Writes NumPy .npy files (format 1.0) of a structured dtype, streaming rows after a header whose
 * row count is known up front. Python reads them with `np.load`, memory-mapped if need be.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

export interface NpyField {
  name: string;
  /** NumPy type string, little-endian: '<i4', '<f4', '<i8', '|u1'. */
  type: '<i4' | '<f4' | '<i8' | '|u1';
}

const SIZES: Record<NpyField['type'], number> = { '<i4': 4, '<f4': 4, '<i8': 8, '|u1': 1 };

export function recordSize(fields: NpyField[]): number {
  return fields.reduce((sum, f) => sum + SIZES[f.type], 0);
}

/** Magic, version, header length, then a dict padded with spaces so data starts on a 64-byte boundary. */
export function npyHeader(fields: NpyField[], rows: number): Buffer {
  const descr = fields.map((f) => `('${f.name}', '${f.type}')`).join(', ');
  const dict = `{'descr': [${descr}], 'fortran_order': False, 'shape': (${rows},), }`;
  const unpadded = 10 + dict.length + 1;
  const padded = Math.ceil(unpadded / 64) * 64;
  const header = Buffer.alloc(padded, 0x20);
  header.write('\x93NUMPY', 0, 'latin1');
  header.writeUInt8(1, 6);
  header.writeUInt8(0, 7);
  header.writeUInt16LE(padded - 10, 8);
  header.write(dict, 10, 'latin1');
  header.write('\n', padded - 1, 'latin1');
  return header;
}

export interface NpyWriter {
  /** Appends rows; `encode` writes one row's fields at `offset`. */
  write<T>(rows: T[], encode: (view: DataView, offset: number, row: T) => void): Promise<void>;
  close(): Promise<number>;
}

export async function openNpyWriter(path: string, fields: NpyField[], rows: number): Promise<NpyWriter> {
  const out: WriteStream = createWriteStream(path);
  const size = recordSize(fields);
  let written = 0;
  out.write(npyHeader(fields, rows));
  return {
    async write(batch, encode) {
      const buffer = Buffer.alloc(batch.length * size);
      const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      batch.forEach((row, i) => encode(view, i * size, row));
      written += batch.length;
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    },
    async close() {
      out.end();
      await finished(out);
      if (written !== rows) throw new Error(`${path}: wrote ${written} rows but the header says ${rows}`);
      return written;
    },
  };
}
