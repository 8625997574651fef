/** One movie's details, with the signed-in user's rating when there is a user. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api/client';
import { queryKeys } from '@/lib/query-keys';

export type MovieDetails = Schemas['MovieDetails'];

export function getMovie(tmdbId: number, userId: number | null, signal?: AbortSignal) {
  const query = { user_id: userId ?? undefined };
  return unwrap(api.GET('/api/movies/{tmdb_id}/', { params: { path: { tmdb_id: tmdbId }, query }, signal }));
}

export const movieOptions = (tmdbId: number, userId: number | null) =>
  queryOptions({
    queryKey: queryKeys.movie(tmdbId, userId),
    queryFn: ({ signal }) => getMovie(tmdbId, userId, signal),
  });

export const useMovie = (tmdbId: number, userId: number | null) => useQuery(movieOptions(tmdbId, userId));
