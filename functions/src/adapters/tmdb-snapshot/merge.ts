/** Merges the per-file rows into one MovieMetadata per TMDB id. */
import type { MovieMetadata } from '../../core/catalog/movie-metadata.js';
import type { SnapshotMovieRow } from './types.js';

export interface MergeInput {
  tmdb5000?: readonly SnapshotMovieRow[];
  top10k?: readonly SnapshotMovieRow[];
  /** TMDB id → keywords from The Movies Dataset keywords.csv. */
  keywords?: ReadonlyMap<number, readonly string[]>;
  /** TMDB id → IMDb id from links.csv. */
  imdbByTmdb?: ReadonlyMap<number, string>;
}

export interface MergedSnapshot {
  movies: Map<number, MovieMetadata>;
  /** Every title a movie is known by (title, original title), for title matching. */
  titles: Map<number, string[]>;
}

/** Indexes rows by id; a repeated id keeps its first row (neither real file repeats one). */
function byId(rows: readonly SnapshotMovieRow[] | undefined): Map<number, SnapshotMovieRow> {
  const map = new Map<number, SnapshotMovieRow>();
  for (const row of rows ?? []) if (!map.has(row.tmdbId)) map.set(row.tmdbId, row);
  return map;
}

/** The first non-empty list: an empty list means "unknown" in these files, not "none". */
function firstNonEmpty<T>(...lists: (readonly T[] | undefined)[]): T[] {
  for (const list of lists) if (list && list.length > 0) return [...list];
  return [];
}

/**
 * tmdb-5000 wins field by field, top10k fills its gaps (nulls and empty genre lists); keywords come
 * from tmdb-5000, else keywords.csv. Only ids with a movie row become movies: keywords.csv and
 * links.csv alone carry no title.
 */
export function mergeSnapshot(input: MergeInput): MergedSnapshot {
  const primary = byId(input.tmdb5000);
  const secondary = byId(input.top10k);
  const movies = new Map<number, MovieMetadata>();
  const titles = new Map<number, string[]>();
  for (const tmdbId of new Set([...primary.keys(), ...secondary.keys()])) {
    const a = primary.get(tmdbId);
    const b = secondary.get(tmdbId);
    const title = a?.title ?? b?.title ?? '';
    movies.set(tmdbId, {
      tmdbId,
      imdbId: input.imdbByTmdb?.get(tmdbId) ?? null,
      title,
      year: a?.year ?? b?.year ?? null,
      genres: firstNonEmpty(a?.genres, b?.genres),
      overview: a?.overview ?? b?.overview ?? null,
      tagline: a?.tagline ?? b?.tagline ?? null,
      runtime: a?.runtime ?? b?.runtime ?? null,
      posterPath: null, // no snapshot file has poster or backdrop paths
      backdropPath: null,
      voteAverage: a?.voteAverage ?? b?.voteAverage ?? null,
      voteCount: a?.voteCount ?? b?.voteCount ?? null,
      popularity: a?.popularity ?? b?.popularity ?? null,
      keywords: firstNonEmpty(a?.keywords, input.keywords?.get(tmdbId)),
    });
    const names = [title, a?.originalTitle, b?.title].filter((t): t is string => typeof t === 'string');
    titles.set(tmdbId, [...new Set(names)]);
  }
  return { movies, titles };
}
