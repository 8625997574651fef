import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api/client';
import { queryKeys } from '@/lib/query-keys';

export type UserStatistics = Schemas['UserStatistics'];

export const getUserStatistics = (userId: number, signal?: AbortSignal) =>
  unwrap(api.GET('/api/users/{id}/statistics/', { params: { path: { id: userId } }, signal }));

export const userStatisticsQueryOptions = (userId: number) =>
  queryOptions({
    queryKey: queryKeys.statistics(userId),
    queryFn: ({ signal }) => getUserStatistics(userId, signal),
  });

export const useUserStatistics = (userId: number) => useQuery(userStatisticsQueryOptions(userId));
