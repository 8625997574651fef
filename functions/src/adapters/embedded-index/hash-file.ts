import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { Hash } from 'node:crypto';

/** Streams `file` through `hash` and, when given, into `copy`. */
export async function hashFile(file: string, hash: Hash, copy?: FileHandle): Promise<void> {
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    if (copy) await copy.write(chunk as Buffer);
  }
}
