/** The movies nearest to one movie, leaving out those the user already rated. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { queryKeys } from '@/lib/query-keys';

const LIMIT = 20;

export function getSimilarMovies(tmdbId: number, userId: number | null, signal?: AbortSignal) {
  const query = { tmdb_id: tmdbId, user_id: userId ?? undefined, limit: LIMIT };
  return unwrap(api.GET('/api/recommendations/similar/', { params: { query }, signal }));
}

export const similarMoviesOptions = (tmdbId: number, userId: number | null) =>
  queryOptions({
    queryKey: queryKeys.similar(tmdbId, userId),
    queryFn: ({ signal }) => getSimilarMovies(tmdbId, userId, signal),
  });

export const useSimilarMovies = (tmdbId: number, userId: number | null) =>
  useQuery(similarMoviesOptions(tmdbId, userId));
