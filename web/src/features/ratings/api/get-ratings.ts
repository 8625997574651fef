/** One page of a user's ratings, newest first. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { queryKeys } from '@/lib/query-keys';

export const RATINGS_PAGE_SIZE = 20;

export function getRatings(userId: number, offset: number, signal?: AbortSignal) {
  return unwrap(
    api.GET('/api/users/{id}/ratings/', {
      params: { path: { id: userId }, query: { limit: RATINGS_PAGE_SIZE, offset } },
      signal,
    }),
  );
}

export const ratingsOptions = (userId: number, offset: number) =>
  queryOptions({
    queryKey: queryKeys.ratings(userId, { limit: RATINGS_PAGE_SIZE, offset }),
    queryFn: ({ signal }) => getRatings(userId, offset, signal),
    // Paging keeps the current page on screen until the next one arrives.
    placeholderData: keepPreviousData,
  });

export const useRatings = (userId: number, offset: number) => useQuery(ratingsOptions(userId, offset));
