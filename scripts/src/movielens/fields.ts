import { DataFileError } from '@movierec/functions/core';

/** Shortens a bad line or value for an error message; a truncated file can end in a huge line. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

export function checkHeader(file: string, line: number, got: string, expected: string): void {
  if (got !== expected) {
    throw new DataFileError(file, line, `wrong header: expected ${quote(expected)}, got ${quote(got)}`);
  }
}

export function missingHeader(file: string, expected: string): DataFileError {
  return new DataFileError(file, 1, `missing header: expected ${quote(expected)}, got an empty file`);
}

export function checkColumns(file: string, line: number, fields: string[], columns: string[], sep: string): void {
  if (fields.length !== columns.length) throw columnCountError(file, line, columns, fields.length, fields.join(sep));
}

export function columnCountError(
  file: string,
  line: number,
  columns: string[],
  got: number,
  raw: string,
): DataFileError {
  const expected = `${columns.length} columns (${columns.join(', ')})`;
  return new DataFileError(file, line, `wrong column count: expected ${expected}, got ${got}: ${quote(raw)}`);
}

const POSITIVE_INTEGER = /^\d{1,15}$/;

/** Ids are positive integers; anything else means the column holds something else. */
export function parseId(file: string, line: number, column: string, value: string): number {
  const id = POSITIVE_INTEGER.test(value) ? Number(value) : 0;
  if (id < 1) throw new DataFileError(file, line, `${column} is not a positive integer: ${quote(value)}`);
  return id;
}

/** Rejects a second record for an id, which would silently overwrite the first downstream. */
export function checkUnique(seen: Set<number>, file: string, line: number, column: string, id: number): void {
  if (seen.has(id)) throw new DataFileError(file, line, `duplicate ${column} ${id}`);
  seen.add(id);
}
