/**
 * GET /api/genres/, which onboarding (the genre step) and the home page (the By Genre chips) both
 * read: one query, so it is fetched once per visit.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';
import { api, unwrap, type Schemas } from './client';

export type Genre = Schemas['Genre'];
export type GenreCount = Schemas['Genres']['items'][number];

export const getGenres = (signal?: AbortSignal) => unwrap(api.GET('/api/genres/', { signal }));

export const genresQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.genres(),
    queryFn: ({ signal }) => getGenres(signal),
    // The catalogue's genres change only with a new data load.
    staleTime: Infinity,
  });

export const useGenres = () => useQuery(genresQueryOptions());

/**
 * The genre names that have movies. /api/genres/ lists the server's own names, the very values the
 * genre filters accept, so the cast to the Genre enum only restates that.
 */
export const useGenreNames = () =>
  useQuery({
    ...genresQueryOptions(),
    select: (data) => data.items.filter((g) => g.movie_count > 0).map((g) => g.name as Genre),
  });
