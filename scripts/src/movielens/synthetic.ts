import { createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { mulberry32 } from '@movierec/functions/core';
import { isFile } from './layout.js';

export { mulberry32 };

export interface SyntheticRatingsOptions {
  path: string;
  users: number;
  movies: number;
  /** Exact number of rating lines (the header not included). */
  ratings: number;
  seed: number;
}

/** "0.5" … "5.0", indexed by half-stars. */
const RATING_TEXT = Array.from({ length: 11 }, (_, halves) => (halves / 2).toFixed(1));
const FIRST_TIMESTAMP = 1_000_000_000; // 2001
const TIMESTAMP_SPAN = 700_000_000; // to 2023
const FLUSH_CHARS = 1 << 20;

/**
 * Writes a ratings.csv shaped like MovieLens': header, ratings grouped by user in user order, each
 * user rating distinct movies, popular movies (low ids) far more often, ratings leaning to 3–4.
 * Users get ratings/users lines each (±1), so with fewer ratings than users some have none.
 */
export async function writeSyntheticRatings(options: SyntheticRatingsOptions): Promise<void> {
  const { path, users, movies, ratings } = options;
  if (Math.ceil(ratings / users) > movies) {
    throw new Error(`${ratings} ratings over ${users} users need more than ${movies} movies`);
  }
  await writeChunked(path, ratingLines(options));
}

function* ratingLines({ users, movies, ratings, seed }: Omit<SyntheticRatingsOptions, 'path'>): Generator<string> {
  const random = mulberry32(seed);
  yield 'userId,movieId,rating,timestamp\n';
  for (let user = 1; user <= users; user += 1) {
    const count = Math.floor(ratings / users) + (user <= ratings % users ? 1 : 0);
    for (const movieId of distinctMovies(random, movies, count)) {
      const halves = Math.min(10, 2 + Math.floor((random() + random() + random()) * 3));
      const timestamp = FIRST_TIMESTAMP + Math.floor(random() * TIMESTAMP_SPAN);
      yield `${user},${movieId},${RATING_TEXT[halves]},${timestamp}\n`;
    }
  }
}

/** Writes the lines in ~1 MB chunks through `<path>.part`: an interrupted run never leaves a file that looks finished. */
async function writeChunked(path: string, lines: Iterable<string>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(`${path}.part`);
  let buffer = '';
  for (const line of lines) {
    buffer += line;
    if (buffer.length >= FLUSH_CHARS) {
      await write(out, buffer);
      buffer = '';
    }
  }
  await write(out, buffer);
  out.end();
  await once(out, 'finish');
  await rename(`${path}.part`, path);
}

/** `count` distinct ids in 1..movies, skewed to low ids the way MovieLens popularity is. */
function distinctMovies(random: () => number, movies: number, count: number): Set<number> {
  const chosen = new Set<number>();
  while (chosen.size < count) {
    let id = 1 + Math.floor(movies * random() ** 3);
    // Redraw collisions uniformly: skewed redraws would crawl when a user rates most movies.
    while (chosen.has(id)) id = 1 + Math.floor(movies * random());
    chosen.add(id);
  }
  return chosen;
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export interface SyntheticReleaseOptions extends Omit<SyntheticRatingsOptions, 'path'> {
  dir: string;
}

const SYNTHETIC_GENRES = ['Drama', 'Comedy', 'Thriller', 'Action', 'Romance', 'Adventure', 'Crime', 'Horror'];

/**
 * A release folder (movies.csv + ratings.csv) that loads like a MovieLens one: movies 1..movies
 * named "Synthetic movie N (year)" with one or two genres, and writeSyntheticRatings' ratings.
 * Files already there are kept, so a second run reuses them.
 */
export async function writeSyntheticRelease(options: SyntheticReleaseOptions): Promise<void> {
  const { dir, movies, ...ratings } = options;
  const moviesPath = join(dir, 'movies.csv');
  if (!(await isFile(moviesPath))) await writeChunked(moviesPath, movieLines(movies));
  const ratingsPath = join(dir, 'ratings.csv');
  if (!(await isFile(ratingsPath))) await writeSyntheticRatings({ path: ratingsPath, movies, ...ratings });
}

function* movieLines(movies: number): Generator<string> {
  yield 'movieId,title,genres\n';
  for (let id = 1; id <= movies; id += 1) {
    const genres = new Set([SYNTHETIC_GENRES[id % 8], ...(id % 3 === 0 ? [SYNTHETIC_GENRES[(id >> 3) % 8]] : [])]);
    yield `${id},Synthetic movie ${id} (${1950 + (id % 70)}),${[...genres].join('|')}\n`;
  }
}
