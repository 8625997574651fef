/** Reader for MovieLens-style `links.csv` (`movieId,imdbId,tmdbId`), here The Movies Dataset's. */
import { readCsv } from './csv.js';
import { optionalPositiveInt, positiveInt } from './fields.js';

export interface LinksFile {
  /** MovieLens movieId → TMDB id, for rows that have a tmdbId. */
  movielensLinks: Map<number, number>;
  /** TMDB id → IMDb id (`tt` + at least 7 digits), first row wins. */
  imdbByTmdb: Map<number, string>;
  /** Data records, including rows with a blank tmdbId. */
  records: number;
}

export async function readLinks(file: string): Promise<LinksFile> {
  const rows = await readCsv(file, ['movieId', 'imdbId', 'tmdbId'] as const);
  const movielensLinks = new Map<number, number>();
  const imdbByTmdb = new Map<number, string>();
  for (const row of rows) {
    const movieId = positiveInt(row, 'movieId');
    const imdb = row.get('imdbId').trim();
    if (imdb !== '' && !/^\d+$/.test(imdb)) throw row.error(`imdbId: expected digits, got ${JSON.stringify(imdb)}`);
    const tmdbId = optionalPositiveInt(row, 'tmdbId');
    if (movielensLinks.has(movieId)) throw row.error(`movieId ${movieId} appears twice`);
    if (tmdbId === null) continue;
    movielensLinks.set(movieId, tmdbId);
    // MovieLens drops the leading zeros IMDb ids have ("114709" is tt0114709).
    if (imdb !== '' && !imdbByTmdb.has(tmdbId)) imdbByTmdb.set(tmdbId, `tt${imdb.padStart(7, '0')}`);
  }
  return { movielensLinks, imdbByTmdb, records: rows.length };
}
