/** The movie page's "Similar" row: its nearest neighbours, without the ones the user already rated. */
import { MovieRow } from '@/components/ui/movie-row';
import { ApiError } from '@/lib/api/client';
import { useSimilarMovies } from '../api/get-similar-movies';

interface SimilarMoviesProps {
  tmdbId: number;
  /** Undefined while the movie's details load (the row loads alongside them). */
  title: string | undefined;
  userId: number | null;
}

export function SimilarMovies({ tmdbId, title = 'this movie', userId }: SimilarMoviesProps) {
  const { data, error, isPending, refetch } = useSimilarMovies(tmdbId, userId);
  // A movie the model has not seen has no neighbours: that is an empty row, not a failure.
  const unknown = error instanceof ApiError && error.status === 404;
  // Each pick's reason would only repeat the row's title ("Similar to Heat"), so the cards go without.
  return (
    <MovieRow
      title="Similar"
      label={`Movies similar to ${title}`}
      items={unknown ? [] : data?.items.map((movie) => ({ movie }))}
      isLoading={isPending && !unknown}
      error={unknown ? null : error}
      onRetry={() => void refetch()}
      notice={data?.source.notice}
      empty={`No similar movies found for ${title} yet.`}
    />
  );
}
