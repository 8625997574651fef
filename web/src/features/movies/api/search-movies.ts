/**
 * Title search: one page for the header's suggestions, pages on demand ("Load more") for the
 * results screen. Typo-tolerant and ranked on the server, so a page is all the client asks for.
 */
import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { queryKeys } from '@/lib/query-keys';

export const SUGGESTION_LIMIT = 8;
export const RESULTS_PAGE_SIZE = 24;

export function searchMovies(q: string, limit: number, offset: number, signal?: AbortSignal) {
  return unwrap(api.GET('/api/movies/search/', { params: { query: { q, limit, offset } }, signal }));
}

export const movieSuggestionsOptions = (q: string) =>
  queryOptions({
    queryKey: queryKeys.search(q, 'suggestions', SUGGESTION_LIMIT),
    queryFn: ({ signal }) => searchMovies(q, SUGGESTION_LIMIT, 0, signal),
    enabled: q.length > 0,
    // While the next keystroke's answer is on its way, keep showing the last one instead of a flash.
    placeholderData: keepPreviousData,
  });

export const useMovieSuggestions = (q: string) => useQuery(movieSuggestionsOptions(q));

export const searchResultsOptions = (q: string) =>
  infiniteQueryOptions({
    queryKey: queryKeys.search(q, 'results', RESULTS_PAGE_SIZE),
    queryFn: ({ pageParam, signal }) => searchMovies(q, RESULTS_PAGE_SIZE, pageParam, signal),
    initialPageParam: 0,
    getNextPageParam: (last) => (last.has_more ? last.offset + last.items.length : undefined),
    enabled: q.length > 0,
  });

export const useSearchResults = (q: string) => useInfiniteQuery(searchResultsOptions(q));
