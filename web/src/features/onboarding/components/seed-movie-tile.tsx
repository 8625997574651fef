/**
 * A movie to rate during onboarding: poster, title, year and stars. Not a link, on purpose: leaving
 * for the movie's page would lose the onboarding's progress.
 */
import { MovieImage } from '@/components/ui/movie-image';
import { StarRating } from '@/components/ui/star-rating';
import type { Movie } from '@/lib/api/client';
import { cn } from '@/lib/cn';
import { Skeleton } from '@/components/ui/skeleton';
import { MovieCardSkeleton } from '@/components/ui/movie-card';
import { yearText } from '@/lib/movies';

const TILE_SIZES = '(min-width: 1024px) 12rem, (min-width: 640px) 25vw, 45vw';

export interface SeedMovieTileProps {
  movie: Movie;
  rating: number | null;
  onRate: (movie: Movie, rating: number) => void;
  onClear: (movieId: number) => void;
}

export function SeedMovieTile({ movie, rating, onRate, onClear }: SeedMovieTileProps) {
  const rated = rating !== null;
  return (
    <article
      className={cn(
        'flex h-full flex-col rounded-lg p-2 ring-1 transition-shadow',
        rated ? 'bg-accent/5 ring-2 ring-accent dark:bg-accent/10' : 'ring-zinc-200 dark:ring-zinc-800',
      )}
    >
      <div className="relative overflow-hidden rounded-md">
        <MovieImage kind="poster" movie={movie} sizes={TILE_SIZES} />
        {rated && (
          <span className="absolute right-1.5 top-1.5 rounded-full bg-accent-strong px-2 py-0.5 text-xs font-semibold text-white shadow">
            ★ {rating}
          </span>
        )}
      </div>
      <h3 className="mt-2 line-clamp-2 text-sm font-medium leading-snug">{movie.title}</h3>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{yearText(movie)}</p>
      <div className="mt-auto flex items-center justify-between gap-1 pt-2">
        <StarRating value={rating} onChange={(value) => onRate(movie, value)} label={`Rate ${movie.title}`} />
        {rated && (
          <button
            type="button"
            onClick={() => onClear(movie.id)}
            aria-label={`Clear rating of ${movie.title}`}
            className="rounded px-1.5 py-0.5 text-xs text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-white"
          >
            Clear
          </button>
        )}
      </div>
    </article>
  );
}

export function SeedMovieTileSkeleton() {
  return (
    <div aria-hidden className="rounded-lg p-2 ring-1 ring-zinc-200 dark:ring-zinc-800">
      <MovieCardSkeleton className="w-full!" />
      <Skeleton className="mt-3 h-5 w-24 rounded" />
    </div>
  );
}
