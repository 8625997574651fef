import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api/client';
import { queryKeys } from '@/lib/query-keys';

export type Status = Schemas['Status'];

/** How often the footer badge asks again: a backend coming back shows within a minute. */
export const STATUS_POLL_MS = 60_000;

export const getStatus = (signal?: AbortSignal) => unwrap(api.GET('/api/status/', { signal }));

export const statusQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.status(),
    queryFn: ({ signal }) => getStatus(signal),
    refetchInterval: STATUS_POLL_MS,
    staleTime: STATUS_POLL_MS / 2,
    // An unreachable API is the answer itself; retrying would only delay saying so.
    retry: false,
  });

export const useStatus = () => useQuery(statusQueryOptions());
