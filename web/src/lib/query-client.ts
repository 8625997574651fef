import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/client';

/** 4xx answers are final; a network error or 5xx is retried twice. Lists stay fresh for a minute. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
}
