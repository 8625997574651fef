import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api/client';
import { queryKeys } from '@/lib/query-keys';

/** Twice a row's worth: the row leaves out what For You already shows, and the rest still fill it. */
const LIMIT = 40;

export const getByGenre = (userId: number, genre: Schemas['Genre'], signal?: AbortSignal) =>
  unwrap(
    api.GET('/api/recommendations/by-genre/', {
      params: { query: { genre, user_id: userId, limit: LIMIT } },
      signal,
    }),
  );

/** No genre yet (the row picks its default once For You has answered): the query waits. */
export const byGenreQueryOptions = (userId: number, genre: Schemas['Genre'] | undefined) =>
  queryOptions({
    queryKey: queryKeys.recommendations(userId, 'by-genre', genre, { limit: LIMIT }),
    queryFn: genre ? ({ signal }) => getByGenre(userId, genre, signal) : skipToken,
  });

export const useByGenre = (userId: number, genre: Schemas['Genre'] | undefined) =>
  useQuery(byGenreQueryOptions(userId, genre));
