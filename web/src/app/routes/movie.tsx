/**
 * `/movie/:tmdbId`: the movie's details with the user's rating, then the Similar row. Composes the
 * movies feature (details, similar) with the ratings feature (the stars and their mutation).
 */
import { useParams } from 'react-router';
import { Page } from '@/components/ui/page';
import { ErrorState } from '@/components/ui/status-message';
import { MovieDetails, MovieDetailsSkeleton } from '@/features/movies/components/movie-details';
import { MovieNotFound } from '@/features/movies/components/movie-not-found';
import { SimilarMovies } from '@/features/movies/components/similar-movies';
import { useMovie } from '@/features/movies/api/get-movie';
import { MovieRating } from '@/features/ratings/components/movie-rating';
import { ApiError } from '@/lib/api/client';
import { useSession } from '@/lib/session';

const parseId = (raw: string | undefined) => (raw && /^\d+$/.test(raw) ? Number(raw) : null);

export default function MovieRoute() {
  const tmdbId = parseId(useParams().tmdbId);
  if (tmdbId === null)
    return (
      <Page title="Movie not found">
        <MovieNotFound />
      </Page>
    );
  // Keyed by movie: going from one movie to a similar one starts the page afresh (scroll, row).
  return <MovieScreen key={tmdbId} tmdbId={tmdbId} />;
}

function MovieScreen({ tmdbId }: { tmdbId: number }) {
  const userId = useSession()?.userId ?? null;
  const { data: movie, error, isPending, refetch } = useMovie(tmdbId, userId);
  if (error instanceof ApiError && error.status === 404)
    return (
      <Page title="Movie not found">
        <MovieNotFound />
      </Page>
    );
  if (!movie && !isPending)
    return (
      <Page title="Movie" className="mx-auto w-full max-w-3xl px-4 py-16">
        <h1 className="mb-4 text-2xl font-semibold">This movie could not be loaded</h1>
        <ErrorState error={error} onRetry={() => void refetch()} />
      </Page>
    );
  // The Similar row loads alongside the details rather than after them.
  return (
    <Page title={movie ? (movie.year ? `${movie.title} (${movie.year})` : movie.title) : 'Loading movie'}>
      {movie ? (
        <MovieDetails movie={movie} rating={<MovieRating movie={movie} value={movie.user_rating} />} />
      ) : (
        <MovieDetailsSkeleton />
      )}
      <div className="mx-auto mt-8 max-w-6xl">
        <SimilarMovies tmdbId={tmdbId} title={movie?.title} userId={userId} />
      </div>
    </Page>
  );
}
