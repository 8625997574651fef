import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { queryKeys } from '@/lib/query-keys';

const LIMIT = 20;

export const getForYou = (userId: number, limit: number, signal?: AbortSignal) =>
  unwrap(api.GET('/api/recommendations/for-you/', { params: { query: { user_id: userId, limit } }, signal }));

export const forYouQueryOptions = (userId: number, limit = LIMIT) =>
  queryOptions({
    queryKey: queryKeys.recommendations(userId, 'for-you', { limit }),
    queryFn: ({ signal }) => getForYou(userId, limit, signal),
  });

/** The hero, the For You row and the By Genre default all read this one cached list. */
export const useForYou = (userId: number) => useQuery(forYouQueryOptions(userId));
