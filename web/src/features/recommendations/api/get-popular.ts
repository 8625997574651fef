import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { queryKeys } from '@/lib/query-keys';

const LIMIT = 20;

/** The two lists anyone sees, signed in or not: the same query, two paths. */
const PATHS = {
  trending: '/api/recommendations/trending/',
  'top-rated': '/api/recommendations/top-rated/',
} as const;

export type PopularList = keyof typeof PATHS;

export const getPopular = (list: PopularList, signal?: AbortSignal) =>
  unwrap(api.GET(PATHS[list], { params: { query: { limit: LIMIT } }, signal }));

export const popularQueryOptions = (list: PopularList) =>
  queryOptions({
    queryKey: queryKeys.popular(list, { limit: LIMIT }),
    queryFn: ({ signal }) => getPopular(list, signal),
  });

export const usePopular = (list: PopularList) => useQuery(popularQueryOptions(list));
