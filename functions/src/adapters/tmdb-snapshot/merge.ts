/**
 * Merges the per-file rows into one MovieMetadata per TMDB id. Which file a field comes from is
 * data, not code: FIELD_PRECEDENCE lists, per field, the files to ask in order, and the first one
 * with a value (not null, not an empty list) wins. docs/data.md shows the same tables.
 */
import type { MovieMetadata } from '../../core/catalog/movie-metadata.js';
import type { MovieFileKind, SnapshotFileKind, SnapshotMovieRow } from './types.js';

/** The fields a movie takes from its sources; tmdbId is the key, originalTitle only feeds title matching. */
export type MergedField = Exclude<keyof SnapshotMovieRow, 'tmdbId' | 'originalTitle'>;

/**
 * Newest first where the files disagree: enriched (TMDB API, Dec 2025), full2023 (2023), top10k,
 * tmdb5000 (2017), then The Movies Dataset's keywords.csv and links.csv (2017). A file is listed
 * only for the fields it has. Titles and genres prefer TMDB's files over enriched, which carries
 * MovieLens' title and genres rather than TMDB's.
 */
export const FIELD_PRECEDENCE: Readonly<Record<MergedField, readonly SnapshotFileKind[]>> = {
  title: ['full2023', 'top10k', 'tmdb5000', 'enriched'],
  imdbId: ['full2023', 'links'],
  year: ['enriched', 'full2023', 'top10k', 'tmdb5000'],
  genres: ['full2023', 'top10k', 'tmdb5000', 'enriched'],
  overview: ['enriched', 'full2023', 'top10k', 'tmdb5000'],
  tagline: ['full2023', 'tmdb5000'],
  runtime: ['enriched', 'full2023', 'tmdb5000'],
  posterPath: ['enriched', 'full2023'],
  backdropPath: ['full2023'],
  voteAverage: ['enriched', 'full2023', 'top10k', 'tmdb5000'],
  voteCount: ['enriched', 'full2023', 'top10k', 'tmdb5000'],
  popularity: ['enriched', 'full2023', 'top10k', 'tmdb5000'],
  keywords: ['full2023', 'tmdb5000', 'keywords'],
};

export interface MergeInput {
  movieFiles: Partial<Record<MovieFileKind, readonly SnapshotMovieRow[]>>;
  /** TMDB id → keywords from The Movies Dataset keywords.csv. */
  keywords?: ReadonlyMap<number, readonly string[]>;
  /** TMDB id → IMDb id from links.csv. */
  imdbByTmdb?: ReadonlyMap<number, string>;
}

export interface MergedSnapshot {
  movies: Map<number, MovieMetadata>;
  /** Every title a movie is known by (each file's title, original titles), for title matching. */
  titles: Map<number, string[]>;
}

/** What each source says about one movie; keywords.csv and links.csv say one field each. */
type SourceRows = Partial<Record<SnapshotFileKind, Partial<SnapshotMovieRow>>>;

const MOVIE_FILES: readonly MovieFileKind[] = ['enriched', 'full2023', 'top10k', 'tmdb5000'];

/** Indexes rows by id; a repeated id keeps its first row (enriched repeats one: 6003 and 144606 → 4912). */
function byId(rows: readonly SnapshotMovieRow[] | undefined): Map<number, SnapshotMovieRow> {
  const map = new Map<number, SnapshotMovieRow>();
  for (const row of rows ?? []) if (!map.has(row.tmdbId)) map.set(row.tmdbId, row);
  return map;
}

function invert(imdbByTmdb: ReadonlyMap<number, string>): Map<string, number> {
  const tmdbByImdb = new Map<string, number>();
  for (const [tmdbId, imdbId] of imdbByTmdb) if (!tmdbByImdb.has(imdbId)) tmdbByImdb.set(imdbId, tmdbId);
  return tmdbByImdb;
}

/**
 * full2023 rows join MovieLens by TMDB id, else by IMDb id: a row whose id no MovieLens link names,
 * but whose imdb_id links.csv knows, moves to the TMDB id MovieLens uses for that movie (ml-latest-
 * small links "Spider-Man: Homecoming" to 202249, a TMDB id with no data left; the file has 315635).
 */
export function alignByImdb(
  rows: readonly SnapshotMovieRow[],
  imdbByTmdb: ReadonlyMap<number, string> | undefined,
): SnapshotMovieRow[] {
  if (!imdbByTmdb) return [...rows];
  const tmdbByImdb = invert(imdbByTmdb);
  return rows.map((row) => {
    const linked = row.imdbId === null ? undefined : tmdbByImdb.get(row.imdbId);
    return imdbByTmdb.has(row.tmdbId) || linked === undefined ? row : { ...row, tmdbId: linked };
  });
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/** The first source in the field's precedence with a value; an empty list means "unknown", not "none". */
function pick<F extends MergedField>(field: F, sources: SourceRows): SnapshotMovieRow[F] | null {
  for (const source of FIELD_PRECEDENCE[field]) {
    const value = sources[source]?.[field];
    if (!isEmpty(value)) return value as SnapshotMovieRow[F];
  }
  return null;
}

function mergeMovie(tmdbId: number, sources: SourceRows): MovieMetadata {
  return {
    tmdbId,
    imdbId: pick('imdbId', sources),
    title: pick('title', sources) ?? '',
    year: pick('year', sources),
    genres: [...(pick('genres', sources) ?? [])],
    overview: pick('overview', sources),
    tagline: pick('tagline', sources),
    runtime: pick('runtime', sources),
    posterPath: pick('posterPath', sources),
    backdropPath: pick('backdropPath', sources),
    voteAverage: pick('voteAverage', sources),
    voteCount: pick('voteCount', sources),
    popularity: pick('popularity', sources),
    keywords: [...(pick('keywords', sources) ?? [])],
  };
}

function knownTitles(sources: SourceRows): string[] {
  const names = MOVIE_FILES.flatMap((kind) => [sources[kind]?.title, sources[kind]?.originalTitle]);
  return [...new Set(names.filter((t): t is string => typeof t === 'string'))];
}

/** Only ids with a row in a movie file become movies: keywords.csv and links.csv alone carry no title. */
export function mergeSnapshot(input: MergeInput): MergedSnapshot {
  const { movieFiles, keywords, imdbByTmdb } = input;
  const full2023 = movieFiles.full2023 && alignByImdb(movieFiles.full2023, imdbByTmdb);
  const files = new Map(MOVIE_FILES.map((kind) => [kind, byId(kind === 'full2023' ? full2023 : movieFiles[kind])]));
  const ids = new Set([...files.values()].flatMap((rows) => [...rows.keys()]));
  const movies = new Map<number, MovieMetadata>();
  const titles = new Map<number, string[]>();
  for (const tmdbId of ids) {
    const sources: SourceRows = {
      keywords: { keywords: [...(keywords?.get(tmdbId) ?? [])] },
      links: { imdbId: imdbByTmdb?.get(tmdbId) ?? null },
    };
    for (const [kind, rows] of files) sources[kind] = rows.get(tmdbId);
    movies.set(tmdbId, mergeMovie(tmdbId, sources));
    titles.set(tmdbId, knownTitles(sources));
  }
  return { movies, titles };
}
