/** The signed-out start screen: what this is, the two ways in, and (wide screens) a glimpse of what is trending. */
import { Link } from 'react-router';
import type { Movie } from '@/lib/api/client';
import { MovieImage } from '@/components/ui/movie-image';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';
import { buttonClass } from '@/components/ui/button';
import { usePopular } from '../api/get-popular';

export function Welcome() {
  // The Trending row's own query: the wall costs no extra request.
  const trending = usePopular('trending');
  return (
    <section className="relative isolate overflow-hidden px-4 py-12 sm:px-8 sm:py-20 lg:grid lg:grid-cols-[minmax(0,1fr)_26rem] lg:items-center lg:gap-12">
      <div
        aria-hidden
        className="absolute inset-0 -z-10 bg-[radial-gradient(ellipse_at_top_left,color-mix(in_oklab,var(--color-accent)_20%,transparent),transparent_60%)]"
      />
      <div>
        <h1 className="max-w-3xl text-4xl font-bold tracking-tight text-balance sm:text-6xl">
          Find the movie you will love tonight.
        </h1>
        <p className="mt-4 max-w-2xl text-lg text-zinc-600 dark:text-zinc-400">
          Recommendations from a model trained on real MovieLens ratings, each with the reason it was picked. Step into
          a MovieLens user’s shoes, or rate five movies and get picks of your own.
        </p>
        <div className="mt-8 flex flex-col gap-3 sm:flex-row">
          <Link to="/users" className={buttonClass('primary', 'lg')}>
            Browse as a MovieLens user
          </Link>
          <Link to="/onboarding" className={buttonClass('secondary', 'lg')}>
            Start fresh
          </Link>
        </div>
      </div>
      {/* Held open while Trending loads, so the rows below do not move when the posters arrive. */}
      {!trending.isError && <PosterWall movies={trending.data?.items.slice(0, 6)} />}
    </section>
  );
}

const WALL = Array.from({ length: 6 }, (_, i) => i);
// The middle column sits lower: three staggered columns.
const tile = (i: number) => cn('rounded-lg shadow-xl', i % 3 === 1 && 'translate-y-8');

/** Six posters, decoration only: the Trending row below lists them properly. */
function PosterWall({ movies }: { movies: readonly Movie[] | undefined }) {
  return (
    <div aria-hidden className="hidden -rotate-6 grid-cols-3 gap-3 lg:grid">
      {movies
        ? movies.map((movie, i) => (
            <MovieImage
              key={movie.id}
              kind="poster"
              movie={movie}
              sizes="8rem"
              eager
              className={cn(tile(i), 'ring-1 ring-black/10 dark:ring-white/10')}
            />
          ))
        : WALL.map((i) => <Skeleton key={i} className={cn(tile(i), 'aspect-[2/3]')} />)}
    </div>
  );
}
