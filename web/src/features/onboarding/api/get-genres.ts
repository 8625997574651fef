import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api/client';
import { queryKeys } from '@/lib/query-keys';

export type GenreCount = Schemas['Genres']['items'][number];

export const getGenres = (signal?: AbortSignal) => unwrap(api.GET('/api/genres/', { signal }));

/** The genre list changes only when movies are loaded: fetched once per visit. */
export const genresQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.genres(), queryFn: ({ signal }) => getGenres(signal), staleTime: Infinity });

export const useGenres = () => useQuery(genresQueryOptions());
