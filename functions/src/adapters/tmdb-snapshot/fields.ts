/** Cell parsers for the snapshot readers: each returns null for an empty cell, or throws `file:line`. */
import type { CsvRow } from './csv.js';

/** Trimmed text, or null when blank (the snapshot files write "no value" as an empty cell). */
export function text(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Trims and collapses whitespace runs, including the non-breaking spaces some keywords carry. */
export function cleanLabel(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** Distinct, cleaned, non-empty labels in first-seen order. */
export function distinctLabels(values: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const label = cleanLabel(value);
    if (label !== '') seen.add(label);
  }
  return [...seen];
}

export function requiredText<C extends string>(row: CsvRow<C>, column: C): string {
  const value = text(row.get(column));
  if (value === null) throw row.error(`${column}: empty`);
  return value;
}

export function positiveInt<C extends string>(row: CsvRow<C>, column: C): number {
  const value = optionalPositiveInt(row, column);
  if (value === null) throw row.error(`${column}: empty`);
  return value;
}

export function optionalPositiveInt<C extends string>(row: CsvRow<C>, column: C): number | null {
  const raw = row.get(column).trim();
  if (raw === '') return null;
  if (!/^\d+$/.test(raw) || Number(raw) === 0) {
    throw row.error(`${column}: expected a positive integer, got ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}

/**
 * A non-negative integer such as a vote count, or null when empty. pandas writes an integer column
 * with gaps as floats ("19339.0"), so a zero fraction is accepted; "12.5" is not a count.
 */
export function optionalCount<C extends string>(row: CsvRow<C>, column: C): number | null {
  const raw = row.get(column).trim();
  if (raw === '') return null;
  if (!/^\d+(?:\.0+)?$/.test(raw))
    throw row.error(`${column}: expected a non-negative integer, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

export function optionalNumber<C extends string>(row: CsvRow<C>, column: C): number | null {
  const raw = row.get(column).trim();
  if (raw === '') return null;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw row.error(`${column}: expected a number, got ${JSON.stringify(raw)}`);
  return value;
}

/** Minutes; TMDB writes 0 for "unknown", so 0 becomes null too. */
export function optionalRuntime<C extends string>(row: CsvRow<C>, column: C): number | null {
  const value = optionalNumber(row, column);
  return value === null || value <= 0 ? null : Math.round(value);
}

/** The year of an ISO `YYYY-MM-DD` date (a bare `YYYY` or `YYYY-MM` is accepted too). */
export function yearOf<C extends string>(row: CsvRow<C>, column: C): number | null {
  const raw = row.get(column).trim();
  if (raw === '') return null;
  const m = /^(\d{4})(?:-\d{2}(?:-\d{2})?)?$/.exec(raw);
  if (!m) throw row.error(`${column}: expected an ISO date (YYYY-MM-DD), got ${JSON.stringify(raw)}`);
  return Number(m[1]);
}

/** A TMDB image path ("/uXDfjJbdP4ijW5hWSBrPrlKpxab.jpg"), appended as is to an image CDN URL. */
export function optionalImagePath<C extends string>(row: CsvRow<C>, column: C): string | null {
  const raw = row.get(column).trim();
  if (raw === '') return null;
  if (!/^\/[\w.-]+$/.test(raw))
    throw row.error(`${column}: expected a TMDB image path like "/abc.jpg", got ${JSON.stringify(raw)}`);
  return raw;
}

/** An IMDb id as IMDb writes it (`tt0114709`), or null when empty. */
export function optionalImdbId<C extends string>(row: CsvRow<C>, column: C): string | null {
  const raw = row.get(column).trim();
  if (raw === '') return null;
  if (!/^tt\d{7,}$/.test(raw))
    throw row.error(`${column}: expected an IMDb id like "tt0114709", got ${JSON.stringify(raw)}`);
  return raw;
}

/** The items of a comma-separated list ("Action, Science Fiction"). */
export function commaList<C extends string>(row: CsvRow<C>, column: C): string[] {
  return row.get(column).split(',');
}
