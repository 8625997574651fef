import { createReadStream } from 'node:fs';

export type TextEncoding = 'utf8' | 'latin1';

/** Big reads keep the per-chunk overhead small on multi-GB rating files. */
const CHUNK_BYTES = 1 << 20;

/**
 * Streams a text file as blocks that each end at a line break (the last block may not), so callers
 * can scan whole lines without copying them out. Memory is one block plus one partial line.
 */
export async function* textBlocks(file: string, encoding: TextEncoding): AsyncGenerator<string> {
  let carry = '';
  for await (const chunk of createReadStream(file, { encoding, highWaterMark: CHUNK_BYTES })) {
    const text = carry + (chunk as string);
    const cut = text.lastIndexOf('\n') + 1;
    carry = text.slice(cut);
    if (cut > 0) yield text.slice(0, cut);
  }
  if (carry !== '') yield carry;
}

export interface TextLine {
  text: string;
  /** 1-based. */
  line: number;
}

/** Lines without their "\n" or "\r\n", numbered from 1, blank lines included. */
export async function* readLines(file: string, encoding: TextEncoding): AsyncGenerator<TextLine> {
  let line = 0;
  for await (const block of textBlocks(file, encoding)) {
    const parts = block.split('\n');
    // A block ends with "\n", which leaves an empty last part that is not a line.
    if (parts[parts.length - 1] === '') parts.pop();
    for (const part of parts) {
      line += 1;
      yield { text: part.endsWith('\r') ? part.slice(0, -1) : part, line };
    }
  }
}

/** Drops a UTF-8 byte-order mark, whether decoded as UTF-8 or byte by byte as latin1. */
export function stripBom(text: string): string {
  if (text.startsWith('\uFEFF')) return text.slice(1);
  if (text.startsWith('\u00EF\u00BB\u00BF')) return text.slice(3);
  return text;
}
