import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { DataFileError } from '@movierec/functions/core';
import { checkColumns, checkHeader, checkUnique, missingHeader, parseId, quote } from './fields.js';
import { parseGenreList, parseTitle } from './titles.js';
import type { MovieLensMovie } from './types.js';

export interface MovieLink {
  imdbId: string | null;
  tmdbId: number | null;
}

const MOVIE_COLUMNS = ['movieId', 'title', 'genres'];
const LINK_COLUMNS = ['movieId', 'imdbId', 'tmdbId'];

/** movies.csv of the CSV releases; titles are quoted when they hold commas or quotes. */
export async function* readCsvMovies(file: string): AsyncGenerator<MovieLensMovie> {
  const seen = new Set<number>();
  for await (const { fields, line } of csvRecords(file, MOVIE_COLUMNS)) {
    const [idText = '', rawTitle = '', genres = ''] = fields;
    const movielensId = parseId(file, line, 'movieId', idText);
    checkUnique(seen, file, line, 'movieId', movielensId);
    yield { movielensId, ...parseTitle(rawTitle), genres: parseGenreList(genres), imdbId: null, tmdbId: null, line };
  }
}

/** links.csv, read whole: at most ~90k small rows, and movies need random access to it. */
export async function readCsvLinks(file: string): Promise<Map<number, MovieLink>> {
  const links = new Map<number, MovieLink>();
  const seen = new Set<number>();
  for await (const { fields, line } of csvRecords(file, LINK_COLUMNS)) {
    const [idText = '', imdbText = '', tmdbText = ''] = fields;
    const movieId = parseId(file, line, 'movieId', idText);
    checkUnique(seen, file, line, 'movieId', movieId);
    links.set(movieId, { imdbId: imdbId(file, line, imdbText), tmdbId: tmdbId(file, line, tmdbText) });
  }
  return links;
}

/** MovieLens drops IMDb's "tt" and keeps the zero padding ("0114709"); the rest of the app uses "tt0114709". */
function imdbId(file: string, line: number, text: string): string | null {
  const value = text.trim();
  if (value === '') return null;
  const match = /^(?:tt)?(\d+)$/.exec(value);
  if (!match) throw new DataFileError(file, line, `imdbId is not numeric: ${quote(value)}`);
  return `tt${match[1]}`;
}

/** A few movies have no TMDB entry, so the column is blank for them. */
function tmdbId(file: string, line: number, text: string): number | null {
  const value = text.trim();
  return value === '' ? null : parseId(file, line, 'tmdbId', value);
}

interface CsvRecord {
  fields: string[];
  /** Line the record starts on (a quoted field may span lines). */
  line: number;
}

/** Data records of a CSV file after checking its header; column counts are checked per record. */
async function* csvRecords(file: string, columns: string[]): AsyncGenerator<CsvRecord> {
  const header = columns.join(',');
  let sawHeader = false;
  for await (const { fields, line } of parseCsv(file)) {
    if (!sawHeader) {
      checkHeader(file, line, fields.map((f) => f.trim()).join(','), header);
      sawHeader = true;
      continue;
    }
    checkColumns(file, line, fields, columns, ',');
    yield { fields, line };
  }
  if (!sawHeader) throw missingHeader(file, header);
}

async function* parseCsv(file: string): AsyncGenerator<CsvRecord> {
  // relax_column_count: we report a wrong count ourselves, with the line and what was expected.
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
  // pipeline() forwards a read error (ENOENT, EACCES) into the parser, which the loop then throws.
  pipeline(createReadStream(file), parser, () => {});
  // info.lines is csv-parse's count at the end of the record, and inside quoted fields it counts
  // every "\r" as a line break too. Lines here are "\n"-terminated, so drift undoes the "\r"s.
  let drift = 0;
  let lastEnd = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      let breaks = 0;
      for (const field of record) {
        breaks += occurrences(field, '\n');
        drift += occurrences(field, '\r');
      }
      lastEnd = info.lines - drift;
      yield { fields: record, line: lastEnd - breaks };
    }
  } catch (err) {
    if (err instanceof CsvError) {
      throw new DataFileError(file, csvErrorLine(err, drift, lastEnd), `not valid CSV: ${err.message}`);
    }
    throw err;
  }
}

function occurrences(text: string, char: string): number {
  let count = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) count += 1;
  return count;
}

/** An unclosed quote is only noticed at the end of the file; the record after the last good one opened it. */
function csvErrorLine(err: CsvError, drift: number, lastEnd: number): number | null {
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') return lastEnd + 1;
  return typeof err.lines === 'number' ? err.lines - drift : null;
}
