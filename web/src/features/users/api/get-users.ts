import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { queryKeys } from '@/lib/query-keys';

export const USERS_PAGE_SIZE = 20;

export type UserSort = 'ratings' | 'id';

export interface UsersQuery {
  /** Digits the user id starts with; empty for everyone. */
  search: string;
  sort: UserSort;
  page: number;
}

export const getUsers = ({ search, sort, page }: UsersQuery, signal?: AbortSignal) =>
  unwrap(
    api.GET('/api/users/', {
      params: {
        query: {
          kind: 'movielens',
          search: search || undefined,
          sort,
          limit: USERS_PAGE_SIZE,
          offset: page * USERS_PAGE_SIZE,
        },
      },
      signal,
    }),
  );

export const usersQueryOptions = (query: UsersQuery) =>
  queryOptions({
    queryKey: queryKeys.users('movielens', query),
    queryFn: ({ signal }) => getUsers(query, signal),
    // The current page stays up while the next one loads, so the list does not flash empty.
    placeholderData: keepPreviousData,
  });

export const useUsers = (query: UsersQuery) => useQuery(usersQueryOptions(query));
