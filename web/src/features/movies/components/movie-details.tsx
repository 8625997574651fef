/**
 * A movie's page body: the backdrop with the poster over its lower edge, then the title, the facts
 * (year, runtime, genres, TMDB votes), tagline and overview. The rating control comes from the
 * route (`rating`), since rating is another feature's concern.
 */
import type { ReactNode } from 'react';
import { MovieImage } from '@/components/ui/movie-image';
import { cn } from '@/lib/cn';
import { Skeleton } from '@/components/ui/skeleton';
import type { MovieDetails as Details } from '../api/get-movie';
import { formatRuntime, formatVotes } from '../lib/format';

// Poster beside the title and facts; beneath them, or full width on a phone, rating and overview.
// The skeleton lays out the same way, so nothing moves when the movie arrives.
const LAYOUT =
  'mx-auto grid max-w-6xl grid-cols-[7rem_1fr] gap-x-4 px-4 sm:grid-cols-[12rem_1fr] sm:gap-x-8 sm:px-8 lg:grid-cols-[16rem_1fr]';
const POSTER = '-mt-16 self-start rounded-lg sm:row-span-2 sm:-mt-40';
const BELOW = 'col-span-2 mt-6 space-y-6 sm:col-span-1 sm:col-start-2';

export function MovieDetails({ movie, rating }: { movie: Details; rating: ReactNode }) {
  const facts = [movie.year, movie.runtime && formatRuntime(movie.runtime)].filter(Boolean);
  const votes = formatVotes(movie.vote_average, movie.vote_count);
  return (
    <article>
      <Backdrop movie={movie} />
      <div className={cn('relative', LAYOUT)}>
        <MovieImage
          kind="poster"
          movie={movie}
          sizes="(min-width: 1024px) 16rem, (min-width: 640px) 12rem, 7rem"
          eager
          className={cn(POSTER, 'shadow-xl ring-1 ring-black/10 dark:ring-white/10')}
        />
        <header className="min-w-0 pt-3 sm:pt-6">
          <h1 className="text-2xl font-bold tracking-tight text-balance sm:text-4xl">{movie.title}</h1>
          {facts.length > 0 && <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{facts.join(' · ')}</p>}
          <ul aria-label="Genres" className="mt-3 flex flex-wrap gap-1.5">
            {movie.genres.map((genre) => (
              <li
                key={genre}
                className="rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-zinc-300 dark:ring-zinc-700"
              >
                {genre}
              </li>
            ))}
          </ul>
          {votes && (
            <p className="mt-3 text-sm">
              <span aria-hidden className="text-amber-500">
                ★{' '}
              </span>
              <span className="sr-only">TMDB average: </span>
              {votes}
            </p>
          )}
        </header>
        <div className={BELOW}>
          {rating}
          <Overview movie={movie} />
        </div>
      </div>
    </article>
  );
}

function Backdrop({ movie }: { movie: Details }) {
  return (
    <div className="relative">
      <MovieImage
        kind="backdrop"
        movie={movie}
        sizes="100vw"
        eager
        // The title is written beneath; a generated backdrop's caption would repeat it.
        className="max-h-[28rem] w-full [&_span]:hidden"
      />
      <div
        aria-hidden
        className="absolute inset-0 bg-gradient-to-t from-white via-white/20 to-transparent dark:from-zinc-950 dark:via-zinc-950/30"
      />
    </div>
  );
}

function Overview({ movie }: { movie: Details }) {
  if (!movie.tagline && !movie.overview) return null;
  return (
    <div>
      {movie.tagline && <p className="text-lg text-zinc-700 italic dark:text-zinc-300">{movie.tagline}</p>}
      {movie.overview && <p className="mt-2 max-w-prose leading-relaxed">{movie.overview}</p>}
    </div>
  );
}

const OVERVIEW_LINES = ['w-full', 'w-full', 'w-full', 'w-5/6', 'w-2/3'];

export function MovieDetailsSkeleton() {
  return (
    <div role="status" aria-label="Loading the movie">
      <Skeleton className="aspect-video max-h-[28rem] w-full" />
      <div className={LAYOUT}>
        {/* Darker, to stand out over the backdrop as the poster does. */}
        <div className={cn(POSTER, 'aspect-[2/3] bg-zinc-300 dark:bg-zinc-700')} />
        <div className="space-y-3 pt-3 sm:pt-6">
          <Skeleton className="h-8 w-2/3 rounded sm:h-10" />
          <Skeleton className="h-4 w-1/3 rounded" />
          <Skeleton className="h-6 w-1/2 max-w-56 rounded-full" />
          <Skeleton className="h-4 w-28 rounded" />
        </div>
        <div className={BELOW}>
          <div className="space-y-2">
            <Skeleton className="h-4 w-24 rounded" />
            <Skeleton className="h-8 w-44 rounded" />
          </div>
          <div className="max-w-prose space-y-2">
            <Skeleton className="h-6 w-2/3 rounded" />
            {OVERVIEW_LINES.map((width, i) => (
              <Skeleton key={i} className={cn('h-5 rounded', width)} />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
