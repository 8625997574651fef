import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { queryKeys } from '@/lib/query-keys';

const ROWS = 3;
const LIMIT = 12;

export const getBecauseYouWatched = (userId: number, signal?: AbortSignal) =>
  unwrap(
    api.GET('/api/recommendations/because-you-watched/', {
      params: { query: { user_id: userId, rows: ROWS, limit: LIMIT } },
      signal,
    }),
  );

export const becauseYouWatchedQueryOptions = (userId: number) =>
  queryOptions({
    queryKey: queryKeys.recommendations(userId, 'because-you-watched', { rows: ROWS, limit: LIMIT }),
    queryFn: ({ signal }) => getBecauseYouWatched(userId, signal),
  });

export const useBecauseYouWatched = (userId: number) => useQuery(becauseYouWatchedQueryOptions(userId));
