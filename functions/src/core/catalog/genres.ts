import { CodedError } from '../errors.js';

/**
 * One genre vocabulary for every movie, whatever its source. MovieLens names are canonical because
 * the model trains on them; TMDB and older MovieLens releases are mapped onto them.
 */
export const CANONICAL_GENRES = [
  'Action',
  'Adventure',
  'Animation',
  'Children',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'IMAX',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
] as const;

export type Genre = (typeof CANONICAL_GENRES)[number];

const canonicalByLowerName = new Map<string, Genre>(CANONICAL_GENRES.map((g) => [g.toLowerCase(), g]));

/** Source-specific names that mean a canonical genre. */
const ALIASES: Record<string, Genre> = {
  "children's": 'Children', // ml-100k, ml-1m
  family: 'Children', // TMDB
  'science fiction': 'Sci-Fi', // TMDB
  'sci-fi & fantasy': 'Sci-Fi',
  music: 'Musical', // TMDB
  'film noir': 'Film-Noir',
};

/**
 * Maps one source genre name to the canonical vocabulary, or null when it has no counterpart
 * (TMDB's "History", "TV Movie"; MovieLens' "(no genres listed)", ml-100k's "unknown").
 */
export function canonicalGenre(name: string): Genre | null {
  const key = name.trim().toLowerCase();
  return canonicalByLowerName.get(key) ?? ALIASES[key] ?? null;
}

/** Canonical, de-duplicated genres in their source order. */
export function canonicalGenres(names: Iterable<string>): Genre[] {
  const seen = new Set<Genre>();
  for (const name of names) {
    const genre = canonicalGenre(name);
    if (genre) seen.add(genre);
  }
  return [...seen];
}

/** Canonical names of genres a caller asked for; any unknown name is an 'invalid_input' error naming it. */
export function requireGenres(names: readonly string[]): Genre[] {
  const unknown = names.filter((n) => canonicalGenre(n) === null);
  if (unknown.length > 0)
    throw new CodedError('invalid_input', `unknown genre: ${unknown.join(', ')} (see GET /api/genres/)`);
  return [...new Set(names.map((n) => canonicalGenre(n) as Genre))];
}
