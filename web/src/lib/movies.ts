/** What several screens say and link about a movie, said once. */
import type { Movie } from './api/client';

/** The movie's page. */
export const moviePath = (tmdbId: number): string => `/movie/${tmdbId}`;

/** "1995", or a stand-in that keeps the line (and the card's height). */
export const yearText = (movie: Pick<Movie, 'year'>): string => String(movie.year ?? 'Year unknown');

/**
 * A movie as the API takes it in a rating: by TMDB id, or by the project's own id for the few
 * MovieLens titles TMDB does not know.
 */
export const movieRef = ({ id, tmdb_id }: Pick<Movie, 'id' | 'tmdb_id'>) =>
  tmdb_id === null ? { movie_id: id } : { tmdb_id };
