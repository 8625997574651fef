/** Tiny MovieLens datasets of each format, written by the tests that need them. */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { DEFAULT_100K_GENRES } from './movies-text.js';

/** File name → content; strings are written as UTF-8, Buffers as is (latin1 fixtures), null skips. */
export type FixtureFiles = Record<string, string | Buffer | null>;

const made: string[] = [];

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'movierec-ml-'));
  made.push(dir);
  return dir;
}

/** For afterAll/afterEach: removes every folder tempDir made. */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export async function writeFiles(dir: string, files: FixtureFiles): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    if (content !== null) await writeFile(join(dir, name), content);
  }
  return dir;
}

const CSV_MOVIES = [
  'movieId,title,genres',
  '1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy',
  '2,"Matrix, The (1999)",Action|Sci-Fi|Thriller',
  '3,"Shawshank ""Redemption"" (1994) ",Crime|Drama',
  '4,Hyena Road,(no genres listed)',
  '5,Death Note: Desu nôto (2006–2007),Film-Noir|IMAX',
].join('\n');

const CSV_LINKS = ['movieId,imdbId,tmdbId', '1,0114709,862', '2,0133093,603', '3,0111161,', '4,1234567,371690'].join(
  '\n',
);

const CSV_RATINGS = [
  'userId,movieId,rating,timestamp',
  '1,1,4.0,964982703',
  '1,2,5.0,964981247',
  '2,1,0.5,964982224',
  '2,3,3.5,964983815',
  '3,2,4.5,964982931',
].join('\n');

export function csvFiles(overrides: FixtureFiles = {}): FixtureFiles {
  return {
    'movies.csv': `${CSV_MOVIES}\n`,
    'links.csv': `${CSV_LINKS}\n`,
    'ratings.csv': `${CSV_RATINGS}\n`,
    ...overrides,
  };
}

/** ml-1m files are latin1: "é" is one byte, 0xE9. */
export function latin1(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

const DAT_MOVIES = [
  "1::Toy Story (1995)::Animation|Children's|Comedy",
  '2::Café au Lait (1994)::Comedy',
  '3::City of Lost Children, The (1995)::Adventure|Sci-Fi',
].join('\n');

const DAT_RATINGS = ['1::1::5::978300760', '1::2::3::978302109', '2::3::4::978301968', '2::1::1::978301969'].join('\n');

export function datFiles(overrides: FixtureFiles = {}): FixtureFiles {
  return { 'movies.dat': latin1(`${DAT_MOVIES}\n`), 'ratings.dat': latin1(`${DAT_RATINGS}\n`), ...overrides };
}

/** A u.item line with the given genres flagged, in `order` (u.genre's). */
export function itemLine(id: number, title: string, genres: string[], order = DEFAULT_100K_GENRES): string {
  const flags = order.map((g) => (genres.includes(g) ? '1' : '0'));
  const url = `http://us.imdb.com/M/title-exact?${encodeURIComponent(title)}`;
  return [id, title, '01-Jan-1995', '', url, ...flags].join('|');
}

const ITEM_MOVIES = [
  itemLine(1, 'Toy Story (1995)', ['Animation', "Children's", 'Comedy']),
  itemLine(2, 'GoldenEye (1995)', ['Action', 'Adventure', 'Thriller']),
  itemLine(3, 'Café Lumière (1996)', ['Drama']),
  '267|unknown||||1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0',
].join('\n');

const U_DATA = ['196\t1\t3\t881250949', '186\t2\t3\t891717742', '196\t3\t1\t878887116'].join('\n');

export function genreFile(order = DEFAULT_100K_GENRES): string {
  // The real u.genre ends with blank lines.
  return `${order.map((g, i) => `${g}|${i}`).join('\n')}\n\n`;
}

export function files100k(overrides: FixtureFiles = {}): FixtureFiles {
  return { 'u.item': latin1(`${ITEM_MOVIES}\n`), 'u.data': `${U_DATA}\n`, 'u.genre': genreFile(), ...overrides };
}

/** Writes a zip of `files`, inside `folder/` when given; `modes` sets st_mode (symlinks). */
export async function writeZip(
  zipPath: string,
  files: FixtureFiles,
  folder = '',
  modes: Record<string, number> = {},
): Promise<string> {
  const zip = new ZipFile();
  for (const [name, content] of Object.entries(files)) {
    if (content === null) continue;
    const mode = modes[name];
    zip.addBuffer(Buffer.from(content), folder ? `${folder}/${name}` : name, mode === undefined ? {} : { mode });
  }
  zip.end();
  await mkdir(dirname(zipPath), { recursive: true });
  await pipeline(zip.outputStream, createWriteStream(zipPath));
  return zipPath;
}

/**
 * yazl refuses to write "../" names, so a zip-slip zip is made by renaming an entry in the bytes
 * (local header and central directory both hold the name; lengths must match).
 */
export async function renameInZip(zipPath: string, from: string, to: string): Promise<void> {
  if (from.length !== to.length) throw new Error('names must have the same length');
  const bytes = await readFile(zipPath, 'latin1');
  await writeFile(zipPath, bytes.split(from).join(to), 'latin1');
}
