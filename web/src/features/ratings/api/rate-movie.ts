/**
 * Rate or re-rate a movie as the signed-in user. The stars move at once (the movie's details and any
 * cached page of the user's ratings are updated before the server answers) and move back, with a
 * toast, if it refuses. Afterwards every list that depends on the user's ratings is refetched.
 */
import { useMutation, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { api, errorMessage, unwrap, type Movie, type Schemas } from '@/lib/api/client';
import { queryKeys } from '@/lib/query-keys';
import { authHeaders, useSession, type Session } from '@/lib/session';
import { notify } from '@/lib/toast';
import { movieRef } from '@/lib/movies';

export interface RateMovieInput {
  movie: Movie;
  rating: number;
}

type RatingPage = Schemas['UserRatingPage'];
type MovieDetails = Schemas['MovieDetails'];
type Snapshot = [QueryKey, unknown][];

export function rateMovie(session: Session, { movie, rating }: RateMovieInput) {
  return unwrap(
    api.POST('/api/users/{id}/rate/', {
      params: { path: { id: session.userId } },
      headers: authHeaders(session),
      body: { ...movieRef(movie), rating },
    }),
  );
}

const isRatingPage = (data: unknown): data is RatingPage => Array.isArray((data as RatingPage | undefined)?.items);

/** Writes the new rating into the cache; returns what it replaced, to roll back. */
async function applyOptimistically(client: QueryClient, userId: number, { movie, rating }: RateMovieInput) {
  const movieKey = movie.tmdb_id === null ? null : queryKeys.movie(movie.tmdb_id, userId);
  const ratingsKey = queryKeys.ratings(userId);
  const rated_at = new Date().toISOString();
  await Promise.all([
    movieKey && client.cancelQueries({ queryKey: movieKey }),
    client.cancelQueries({ queryKey: ratingsKey }),
  ]);
  const snapshot: Snapshot = [...client.getQueriesData({ queryKey: ratingsKey })];
  if (movieKey) {
    snapshot.push([movieKey, client.getQueryData(movieKey)]);
    client.setQueryData<MovieDetails>(movieKey, (old) => old && { ...old, user_rating: rating });
  }
  client.setQueriesData({ queryKey: ratingsKey }, (old: unknown) =>
    isRatingPage(old)
      ? { ...old, items: old.items.map((r) => (r.movie.id === movie.id ? { ...r, rating, rated_at } : r)) }
      : old,
  );
  return snapshot;
}

/**
 * Refetch what the rating changes. The ratings pages are only marked stale: refetched now, newest
 * first, the row just rated would jump to the top under the pointer; they refresh on the next visit.
 */
function refreshAfterRating(client: QueryClient, userId: number) {
  const ratingsKey = queryKeys.ratings(userId);
  const isRatingsPage = (key: QueryKey) => ratingsKey.every((part, i) => key[i] === part);
  return Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.user(userId), predicate: (q) => !isRatingsPage(q.queryKey) }),
    client.invalidateQueries({ queryKey: ratingsKey, refetchType: 'none' }),
    client.invalidateQueries({ queryKey: queryKeys.everySimilar() }),
  ]);
}

export function useRateMovie() {
  const session = useSession();
  const client = useQueryClient();
  return useMutation({
    // One at a time, in order: three quick arrow presses must leave the last value on the server.
    scope: { id: `rate-movie-${session?.userId}` },
    mutationFn: (input: RateMovieInput) => {
      if (!session) throw new Error('Sign in to rate movies.');
      return rateMovie(session, input);
    },
    onMutate: (input) => (session ? applyOptimistically(client, session.userId, input) : []),
    // The server's answer wins over an optimistic value a rolled-back earlier rating may have restored.
    onSuccess: (result, { movie }) => {
      if (movie.tmdb_id !== null)
        client.setQueryData<MovieDetails>(
          queryKeys.movie(movie.tmdb_id, result.user_id),
          (old) => old && { ...old, user_rating: result.rating },
        );
    },
    onError: (error, _input, snapshot) => {
      snapshot?.forEach(([key, data]) => client.setQueryData(key, data));
      notify('Your rating was not saved', errorMessage(error));
    },
    onSettled: () => session && refreshAfterRating(client, session.userId),
  });
}
