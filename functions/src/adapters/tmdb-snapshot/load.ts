/** Finds the snapshot files below a folder, reads them, and merges them into a TmdbSnapshot. */
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { CodedError } from '../../core/errors.js';
import { mergeSnapshot } from './merge.js';
import { readKeywords } from './read-keywords.js';
import { readLinks } from './read-links.js';
import { readEnriched, readFull2023, readTmdb5000, readTop10k } from './read-movies.js';
import { createTitleMatcher, type TitleMatcher } from './title-match.js';
import type { SnapshotFileInfo, SnapshotFileKind, TmdbSnapshot } from './types.js';
import { SNAPSHOT_FILE_NAMES } from './types.js';

export interface LoadTmdbSnapshotOptions {
  /** Read only these kinds of file (default: every kind found), e.g. `['links']` for ml-1m ids. */
  include?: readonly SnapshotFileKind[];
}

const KINDS = Object.keys(SNAPSHOT_FILE_NAMES) as SnapshotFileKind[];

/**
 * The path of each kind of file anywhere below `dir`, by exact file name. Two files of one name
 * would be a guess (e.g. a MovieLens links.csv beside The Movies Dataset's), so that is an error.
 */
export async function findSnapshotFiles(dir: string): Promise<Partial<Record<SnapshotFileKind, string>>> {
  const root = resolve(dir);
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) throw new CodedError('invalid_input', `${dir}: not a directory`);
  const entries = await readdir(root, { recursive: true });
  const kindByName = new Map(KINDS.map((kind) => [SNAPSHOT_FILE_NAMES[kind], kind]));
  const found: Partial<Record<SnapshotFileKind, string>> = {};
  for (const entry of entries.sort()) {
    const kind = kindByName.get(basename(entry));
    if (!kind) continue;
    const path = join(root, entry);
    const existing = found[kind];
    if (existing) {
      throw new CodedError(
        'invalid_input',
        `${dir}: two ${SNAPSHOT_FILE_NAMES[kind]} files (${existing} and ${path}); point at a folder holding one`,
      );
    }
    found[kind] = path;
  }
  return found;
}

/** Reads whatever subset of the TMDB snapshot files lies below `dir` into one merged snapshot. */
export async function loadTmdbSnapshot(dir: string, opts: LoadTmdbSnapshotOptions = {}): Promise<TmdbSnapshot> {
  const found = await findSnapshotFiles(dir);
  const wanted = opts.include ?? KINDS;
  const paths: Partial<Record<SnapshotFileKind, string>> = {};
  for (const kind of wanted) if (found[kind]) paths[kind] = found[kind];
  if (Object.keys(paths).length === 0) {
    throw new CodedError(
      'invalid_input',
      `${dir}: no TMDB snapshot files found (expected ${KINDS.map((k) => SNAPSHOT_FILE_NAMES[k]).join(', ')})`,
    );
  }

  // Read in parallel: the file I/O overlaps, the parsing itself is synchronous.
  const [tmdb5000, top10k, enriched, full2023, keywords, links] = await Promise.all([
    paths.tmdb5000 ? readTmdb5000(paths.tmdb5000) : undefined,
    paths.top10k ? readTop10k(paths.top10k) : undefined,
    paths.enriched ? readEnriched(paths.enriched) : undefined,
    paths.full2023 ? readFull2023(paths.full2023) : undefined,
    paths.keywords ? readKeywords(paths.keywords) : undefined,
    paths.links ? readLinks(paths.links) : undefined,
  ]);

  const files: Partial<Record<SnapshotFileKind, SnapshotFileInfo>> = {};
  const record = (kind: SnapshotFileKind, records: number | undefined) => {
    const path = paths[kind];
    if (path !== undefined && records !== undefined) files[kind] = { path, records };
  };
  record('tmdb5000', tmdb5000?.length);
  record('top10k', top10k?.length);
  record('enriched', enriched?.records);
  record('full2023', full2023?.length);
  record('keywords', keywords?.records);
  record('links', links?.records);

  const { movies, titles } = mergeSnapshot({
    movieFiles: { tmdb5000, top10k, enriched: enriched?.rows, full2023 },
    keywords: keywords?.keywords,
    imdbByTmdb: links?.imdbByTmdb,
  });

  // The title index is only needed for ml-100k, so it is built on first use.
  let matcher: TitleMatcher | undefined;
  return {
    movies,
    movielensLinks: links?.movielensLinks ?? new Map(),
    files,
    matchByTitleYear(title, year) {
      matcher ??= createTitleMatcher(titles, new Map([...movies].map(([id, m]) => [id, m.year])));
      return matcher(title, year);
    },
  };
}
