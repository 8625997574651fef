/**
 * A movie in a row or grid: poster, title, year, and (for a recommendation) why it was picked,
 * shown on hover and on keyboard focus and read out with the link.
 */
import { useId } from 'react';
import { Link } from 'react-router';
import type { Movie } from '@/lib/api/client';
import { cn } from '@/lib/cn';
import { moviePath, yearText } from '@/lib/movies';
import { Skeleton } from './skeleton';
import { MovieImage } from './movie-image';

export const CARD_WIDTH = 'w-36 sm:w-40 lg:w-44';
const CARD_SIZES = '(min-width: 1024px) 11rem, (min-width: 640px) 10rem, 9rem';

export interface MovieCardProps {
  movie: Movie;
  reason?: string | null;
  className?: string;
}

export function MovieCard({ movie, reason, className }: MovieCardProps) {
  const reasonId = useId();
  const body = (
    <>
      <div className="relative overflow-hidden rounded-md shadow-sm ring-1 ring-black/5 dark:ring-white/10">
        <MovieImage kind="poster" movie={movie} sizes={CARD_SIZES} />
        {reason && (
          <p
            id={reasonId}
            // The lower half: enough to cover a generated poster's caption beneath it.
            className="absolute inset-x-0 bottom-0 flex min-h-[50%] items-end bg-zinc-950/90 p-2 text-xs text-white opacity-0 transition-opacity group-hover:opacity-100 group-focus-visible:opacity-100"
          >
            {reason}
          </p>
        )}
      </div>
      <p className="mt-2 line-clamp-2 text-sm font-medium leading-snug">{movie.title}</p>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{yearText(movie)}</p>
    </>
  );
  const classes = cn('group block shrink-0 snap-start rounded-md', CARD_WIDTH, className);
  if (movie.tmdb_id === null) return <div className={classes}>{body}</div>;
  return (
    <Link to={moviePath(movie.tmdb_id)} className={classes} aria-describedby={reason ? reasonId : undefined}>
      {body}
    </Link>
  );
}

export function MovieCardSkeleton({ className }: { className?: string }) {
  return (
    <div aria-hidden className={cn('shrink-0', CARD_WIDTH, className)}>
      <Skeleton className="aspect-[2/3] rounded-md" />
      <Skeleton className="mt-2 h-4 w-3/4 rounded" />
      <Skeleton className="mt-1 h-3 w-1/3 rounded" />
    </div>
  );
}
