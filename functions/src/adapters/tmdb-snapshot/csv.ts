/**
 * CSV reading shared by the snapshot readers: csv-parse for quoting and embedded line breaks, a
 * header check, and physical line numbers so every error names `file:line`.
 */
import { readFile } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse/sync';
import { DataFileError } from '../../core/errors.js';

/** One data record, located by the physical line it starts on (the header is line 1). */
export class CsvRow<C extends string> {
  constructor(
    readonly file: string,
    readonly line: number,
    private readonly fields: readonly string[],
    private readonly index: ReadonlyMap<C, number>,
    /** The file ends inside this record's last field, so that field lost its end. */
    readonly cut = false,
  ) {}

  /** The raw cell; every requested column was checked to exist in the header. */
  get(column: C): string {
    const i = this.index.get(column);
    return i === undefined ? '' : (this.fields[i] ?? '');
  }

  /** A DataFileError pointing at this record. */
  error(detail: string): DataFileError {
    return new DataFileError(this.file, this.line, detail);
  }
}

interface RawRecord {
  line: number;
  fields: string[];
}

/** csv-parse's error, located by `file:line`; anything else passes through. */
function fileError(file: string, error: unknown): unknown {
  if (!(error instanceof CsvError)) return error;
  const line = typeof error['lines'] === 'number' ? error['lines'] : null;
  return new DataFileError(file, line, error.message.replace(/,? (?:on|at) line \d+/, ''));
}

/**
 * The records of a file, and whether the file was cut off inside a quoted field of its last record
 * (then, when `cutAllowed`, the quote is closed and the record kept, marked cut).
 */
function parseFile(file: string, text: string, cutAllowed: boolean): { records: RawRecord[]; cut: boolean } {
  try {
    return { records: parseRecords(text), cut: false };
  } catch (error) {
    if (!cutAllowed || !(error instanceof CsvError) || error.code !== 'CSV_QUOTE_NOT_CLOSED')
      throw fileError(file, error);
  }
  try {
    return { records: parseRecords(`${text}"`), cut: true };
  } catch (error) {
    throw fileError(file, error);
  }
}

/** Throws csv-parse's CsvError on malformed input. */
function parseRecords(text: string): RawRecord[] {
  const records: RawRecord[] = [];
  let previousEnd = 0;
  let previousEmpty = 0;
  parse(text, {
    bom: true,
    skip_empty_lines: true,
    // csv-parse reports the line a record ends on; the start is one past the previous record's
    // end plus any blank lines skipped in between, which is what a person looking for it needs.
    on_record: (fields: string[], context) => {
      const line = previousEnd + 1 + (context.empty_lines - previousEmpty);
      previousEnd = context.lines;
      previousEmpty = context.empty_lines;
      records.push({ line, fields });
      return null; // collected above; nothing for csv-parse to keep
    },
  });
  return records;
}

export interface ReadCsvOptions<C extends string> {
  /**
   * This column, when it is the file's last, may have lost its end because the file was cut off
   * inside it (a trimmed copy); its row is then marked `cut`. Any other cut stays an error.
   */
  cutLastColumn?: C;
}

/**
 * Reads `file`, requiring every column in `required` to appear in its header (in any order, extra
 * columns allowed). A file whose records differ in column count fails at the first such record.
 */
export async function readCsv<C extends string>(
  file: string,
  required: readonly C[],
  options: ReadCsvOptions<C> = {},
): Promise<CsvRow<C>[]> {
  const text = await readFile(file, 'utf8');
  const parsed = parseFile(file, text, options.cutLastColumn !== undefined);
  const [header, ...records] = parsed.records;
  if (!header) throw new DataFileError(file, null, 'empty file (expected a header row)');
  const names = header.fields.map((name) => name.trim());
  const missing = required.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw new DataFileError(
      file,
      header.line,
      `unexpected header "${names.join(',')}": missing column(s) ${missing.join(', ')}`,
    );
  }
  const last = records.at(-1);
  if (parsed.cut && (last === undefined || names.at(-1) !== options.cutLastColumn)) {
    throw new DataFileError(file, last?.line ?? header.line, 'Quote Not Closed: the file ends inside a quoted field');
  }
  const index = new Map<C, number>(required.map((column) => [column, names.indexOf(column)]));
  return records.map((r) => new CsvRow(file, r.line, r.fields, index, parsed.cut && r === last));
}
