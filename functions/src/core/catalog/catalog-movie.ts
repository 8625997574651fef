/**
 * How a movie row is built from its sources: MovieLens gives identity, title, year and the genres the
 * model trains on; TMDB metadata (snapshot or API) gives everything shown on screen.
 */
import { canonicalGenres } from './genres.js';
import type { MetadataSourceName, MovieMetadata } from './movie-metadata.js';

/** A movie row: TMDB's fields, plus which ids it has and where its metadata came from. */
export interface CatalogMovie extends Omit<MovieMetadata, 'tmdbId'> {
  movielensId: number | null;
  tmdbId: number | null;
  metadataSource: MetadataSourceName | null;
  /** Every other title the movie is known by (MovieLens' own and its alternates); search finds them too. */
  alternateTitles: string[];
}

/** The MovieLens side of a movie, as the data set gives it. */
export interface MovieLensEntry {
  movielensId: number;
  title: string;
  year: number | null;
  genres: string[];
  imdbId: string | null;
  tmdbId: number | null;
}

const TRAILING_ARTICLE = /^(.+), (The|A|An|Les|La|Le|Il|El|Los|Las|Das|Der|Die|Un|Une)(\s+\(.+\))?$/;

/** MovieLens writes "Matrix, The"; people read "The Matrix". Alternate titles in parentheses stay. */
export function displayTitle(movielensTitle: string): string {
  const match = TRAILING_ARTICLE.exec(movielensTitle.trim());
  if (!match) return movielensTitle.trim();
  const [, rest, article, alternate = ''] = match;
  return `${article} ${rest}${alternate}`;
}

const TRAILING_PARENTHESIS = /\s*\(([^()]+)\)$/;
const AKA = /^a\.k\.a\.\s*/i;

/**
 * Every title in a MovieLens title (year already removed), as people read them:
 * "Léon: The Professional (a.k.a. The Professional) (Léon)" → "Léon: The Professional", "The Professional", "Léon";
 * "Amélie (Fabuleux destin d'Amélie Poulain, Le)" → "Amélie", "Le Fabuleux destin d'Amélie Poulain".
 * A title that starts with a parenthesis ("(500) Days of Summer") keeps it.
 */
export function movieLensTitles(movielensTitle: string): string[] {
  const titles: string[] = [];
  let rest = movielensTitle.trim();
  for (let match = TRAILING_PARENTHESIS.exec(rest); match && match.index > 0; match = TRAILING_PARENTHESIS.exec(rest)) {
    titles.unshift(match[1]!.replace(AKA, '').trim());
    rest = rest.slice(0, match.index).trim();
  }
  return [...new Set([rest, ...titles].filter((t) => t !== '').map(displayTitle))];
}

const EMPTY_METADATA = {
  overview: null,
  tagline: null,
  runtime: null,
  posterPath: null,
  backdropPath: null,
  voteAverage: null,
  voteCount: null,
  popularity: null,
  keywords: [],
} satisfies Partial<CatalogMovie>;

function metadataFields(metadata: MovieMetadata) {
  const { overview, tagline, runtime, posterPath, backdropPath, voteAverage, voteCount, popularity, keywords } =
    metadata;
  return { overview, tagline, runtime, posterPath, backdropPath, voteAverage, voteCount, popularity, keywords };
}

/** A MovieLens movie, enriched with its TMDB metadata when there is some. */
export function catalogMovieFromMovieLens(
  entry: MovieLensEntry,
  metadata: MovieMetadata | undefined,
  source: MetadataSourceName,
): CatalogMovie {
  const genres = entry.genres.length > 0 ? entry.genres : canonicalGenres(metadata?.genres ?? []);
  return {
    movielensId: entry.movielensId,
    tmdbId: entry.tmdbId,
    imdbId: entry.imdbId ?? metadata?.imdbId ?? null,
    title: metadata?.title || displayTitle(entry.title),
    year: entry.year ?? metadata?.year ?? null,
    genres,
    ...(metadata ? metadataFields(metadata) : EMPTY_METADATA),
    metadataSource: metadata ? source : null,
    alternateTitles: movieLensTitles(entry.title),
  };
}

/** A movie only TMDB knows (no MovieLens ratings): the content tower's cold-start catalog. */
export function catalogMovieFromMetadata(metadata: MovieMetadata, source: MetadataSourceName): CatalogMovie {
  return {
    movielensId: null,
    tmdbId: metadata.tmdbId,
    imdbId: metadata.imdbId,
    title: metadata.title,
    year: metadata.year,
    genres: canonicalGenres(metadata.genres),
    ...metadataFields(metadata),
    metadataSource: source,
    alternateTitles: [],
  };
}

/**
 * MovieLens sometimes links two movies to one TMDB id (ml-latest-small: 6003 and 144606 → 4912).
 * A TMDB id names one movie, so the lowest MovieLens id keeps the link and the others lose it.
 * Returns the entries with conflicting links cleared, and which ones were cleared.
 */
export function resolveDuplicateTmdbLinks<T extends MovieLensEntry>(entries: T[]): { entries: T[]; cleared: T[] } {
  const owner = new Map<number, number>();
  for (const entry of [...entries].sort((a, b) => a.movielensId - b.movielensId)) {
    if (entry.tmdbId !== null && !owner.has(entry.tmdbId)) owner.set(entry.tmdbId, entry.movielensId);
  }
  const cleared: T[] = [];
  const resolved = entries.map((entry) => {
    if (entry.tmdbId === null || owner.get(entry.tmdbId) === entry.movielensId) return entry;
    cleared.push(entry);
    return { ...entry, tmdbId: null };
  });
  return { entries: resolved, cleared };
}
