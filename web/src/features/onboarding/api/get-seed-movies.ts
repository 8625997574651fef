import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { Genre } from '@/lib/api/genres';
import { queryKeys } from '@/lib/query-keys';

export const getSeedMovies = (genres: readonly Genre[], limit: number, signal?: AbortSignal) =>
  unwrap(
    api.GET('/api/recommendations/seed-movies/', {
      params: { query: { genres: [...genres], limit } },
      // The API takes the genres comma-separated (genres=Comedy,Sci-Fi), not as repeated parameters.
      querySerializer: { array: { style: 'form', explode: false } },
      signal,
    }),
  );

export const seedMoviesQueryOptions = (genres: readonly Genre[], limit: number) =>
  queryOptions({
    queryKey: queryKeys.seedMovies(genres, limit),
    queryFn: ({ signal }) => getSeedMovies(genres, limit, signal),
    // A larger limit returns the same movies first, so the grid keeps showing them while more load.
    placeholderData: keepPreviousData,
  });

export const useSeedMovies = (genres: readonly Genre[], limit: number) =>
  useQuery(seedMoviesQueryOptions(genres, limit));
