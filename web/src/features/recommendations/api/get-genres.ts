import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api/client';
import { queryKeys } from '@/lib/query-keys';

export type Genre = Schemas['Genre'];

export const getGenres = (signal?: AbortSignal) => unwrap(api.GET('/api/genres/', { signal }));

export const genresQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.genres(),
    queryFn: ({ signal }) => getGenres(signal),
    // The catalogue's genres change only with a new data load.
    staleTime: Infinity,
  });

/**
 * The genre names that have movies. /api/genres/ lists the server's own names, the very values the
 * genre filters accept, so the cast to the Genre enum only restates that.
 */
export const useGenreNames = () =>
  useQuery({
    ...genresQueryOptions(),
    select: (data) => data.items.filter((g) => g.movie_count > 0).map((g) => g.name as Genre),
  });
