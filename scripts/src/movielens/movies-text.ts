import { DataFileError } from '@movierec/functions/core';
import { canonicalGenres } from '@movierec/functions/core';
import { checkColumns, checkUnique, parseId, quote } from './fields.js';
import { readLines } from './lines.js';
import { parseGenreList, parseTitle } from './titles.js';
import type { MovieLensMovie } from './types.js';

const DAT_COLUMNS = ['MovieID', 'Title', 'Genres'];

/** ml-1m's movies.dat: `MovieID::Title::Genres`, latin1, no header. */
export async function* readDatMovies(file: string): AsyncGenerator<MovieLensMovie> {
  const seen = new Set<number>();
  for await (const { text, line } of readLines(file, 'latin1')) {
    if (text === '') continue;
    const fields = text.split('::');
    checkColumns(file, line, fields, DAT_COLUMNS, '::');
    const [idText = '', rawTitle = '', genres = ''] = fields;
    const movielensId = parseId(file, line, 'MovieID', idText);
    checkUnique(seen, file, line, 'MovieID', movielensId);
    yield { movielensId, ...parseTitle(rawTitle), genres: parseGenreList(genres), imdbId: null, tmdbId: null, line };
  }
}

/** The order of ml-100k's genre flags when u.genre is missing; it is the order u.genre lists. */
export const DEFAULT_100K_GENRES = [
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
];

const ITEM_COLUMNS = ['movie id', 'movie title', 'release date', 'video release date', 'IMDb URL'];

/**
 * ml-100k's u.item: `id|title|release date|video release date|IMDb URL|` then one 0/1 flag per
 * genre, in u.genre's order. latin1, no header. The IMDb URL is a search link, not an id.
 */
export async function* readItemMovies(file: string, genreFile: string | null): AsyncGenerator<MovieLensMovie> {
  const genreNames = genreFile ? await readGenreOrder(genreFile) : DEFAULT_100K_GENRES;
  const columns = [...ITEM_COLUMNS, ...genreNames];
  const seen = new Set<number>();
  for await (const { text, line } of readLines(file, 'latin1')) {
    if (text === '') continue;
    const fields = text.split('|');
    checkColumns(file, line, fields, columns, '|');
    const movielensId = parseId(file, line, 'movie id', fields[0] ?? '');
    checkUnique(seen, file, line, 'movie id', movielensId);
    const flags = fields.slice(ITEM_COLUMNS.length);
    const genres = canonicalGenres(genreNames.filter((name, i) => genreFlag(file, line, name, flags[i])));
    yield { movielensId, ...parseTitle(fields[1] ?? ''), genres, imdbId: null, tmdbId: null, line };
  }
}

function genreFlag(file: string, line: number, genre: string, flag: string | undefined): boolean {
  if (flag === '1') return true;
  if (flag === '0') return false;
  throw new DataFileError(file, line, `genre flag for ${genre} is not 0 or 1: ${quote(flag ?? '')}`);
}

/** u.genre: `name|index` lines (and trailing blank lines); returns names in index order. */
async function readGenreOrder(file: string): Promise<string[]> {
  const byIndex = new Map<number, string>();
  for await (const { text, line } of readLines(file, 'latin1')) {
    if (text.trim() === '') continue;
    const fields = text.split('|');
    checkColumns(file, line, fields, ['genre', 'index'], '|');
    const [name = '', indexText = ''] = fields;
    const index = /^\d+$/.test(indexText) ? Number(indexText) : -1;
    if (index < 0 || byIndex.has(index)) {
      throw new DataFileError(file, line, `genre index is not a new non-negative integer: ${quote(indexText)}`);
    }
    byIndex.set(index, name);
  }
  const names: string[] = [];
  for (let i = 0; i < byIndex.size; i += 1) {
    const name = byIndex.get(i);
    if (name === undefined) throw new DataFileError(file, null, `genre indexes skip ${i}; they must run 0..n-1`);
    names.push(name);
  }
  if (names.length === 0) throw new DataFileError(file, null, 'no genres listed');
  return names;
}
