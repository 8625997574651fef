import type { Movie } from '@/lib/api/client';

/** A suggestion opens the movie's page, which only a movie with a TMDB id has. */
export type Suggestion = Movie & { tmdb_id: number };
export const hasPage = (movie: Movie): movie is Suggestion => movie.tmdb_id !== null;

export const SEARCH_PATH = '/search';

/** The full results page for a query. */
export const searchPath = (q: string) => `${SEARCH_PATH}?${new URLSearchParams({ q })}`;
