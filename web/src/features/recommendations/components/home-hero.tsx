/**
 * The signed-in home's banner: the top For You pick over its backdrop, with why it was picked and the
 * way to its page. While For You loads it holds the banner's size; an empty For You explains itself.
 */
import { useId } from 'react';
import { Link } from 'react-router';
import type { Recommendation } from '@/lib/api/client';
import { MovieImage } from '@/components/ui/movie-image';
import { moviePath } from '@/lib/movies';
import { useForYou } from '../api/get-for-you';
import { NoPicksYet } from './no-picks-yet';

// The banner's shape from sm up. It is set on the text, not the backdrop, so a long title or overview
// makes the banner taller instead of being cut off; the backdrop fills whatever height results.
const BANNER = 'sm:aspect-[21/9] lg:aspect-[3/1]';

export function HomeHero({ userId }: { userId: number }) {
  const { data, isPending } = useForYou(userId);
  if (isPending) return <HeroSkeleton />;
  if (!data) return null; // the For You row below shows the error and its Retry
  const pick = data.items[0];
  return pick ? <HeroBanner pick={pick} /> : <NoPicksYet />;
}

function HeroBanner({ pick }: { pick: Recommendation }) {
  const titleId = useId();
  const details = [
    pick.year,
    pick.genres.slice(0, 3).join(', '),
    pick.vote_average && `★ ${pick.vote_average.toFixed(1)}`,
  ];
  return (
    <section aria-labelledby={titleId} className="relative isolate overflow-hidden bg-zinc-950 text-white">
      {/* Narrow: the backdrop on top, fading into the text below it. Wide: behind the text, darkened on its left. */}
      <div className="relative sm:absolute sm:inset-0">
        <MovieImage
          kind="backdrop"
          movie={pick}
          sizes="100vw"
          eager
          // The banner writes the title itself; a generated backdrop's caption would repeat it.
          className="w-full sm:aspect-auto sm:h-full [&_span]:hidden"
        />
        <div
          aria-hidden
          className="absolute inset-0 bg-gradient-to-t from-zinc-950 via-zinc-950/30 to-transparent sm:bg-gradient-to-r sm:from-zinc-950/95 sm:via-zinc-950/60"
        />
      </div>
      <div
        className={`relative -mt-20 px-4 pb-6 sm:mt-0 sm:flex sm:flex-col sm:justify-end sm:px-8 sm:pt-12 sm:pb-10 ${BANNER}`}
      >
        <div className="sm:max-w-xl lg:max-w-2xl">
          <p className="text-xs font-semibold tracking-widest text-rose-300 uppercase">Top pick for you</p>
          <h2 id={titleId} className="mt-1 text-3xl font-bold tracking-tight text-balance drop-shadow sm:text-5xl">
            {pick.title}
          </h2>
          <p className="mt-2 text-sm text-zinc-300">{details.filter(Boolean).join(' · ')}</p>
          <p className="mt-3 text-sm font-medium text-zinc-100">{pick.reason}</p>
          {pick.overview && (
            <p className="mt-2 line-clamp-3 max-w-prose text-sm text-zinc-300 sm:text-base">{pick.overview}</p>
          )}
          {pick.tmdb_id !== null && (
            <Link
              to={moviePath(pick.tmdb_id)}
              className="mt-5 inline-block rounded-md bg-white px-5 py-2 font-semibold text-zinc-950 hover:bg-zinc-200"
            >
              More info<span className="sr-only"> about {pick.title}</span>
            </Link>
          )}
        </div>
      </div>
    </section>
  );
}

function HeroSkeleton() {
  return (
    <div role="status" aria-label="Loading your top pick" className="bg-zinc-200 dark:bg-zinc-900">
      <div className="aspect-video w-full bg-zinc-300/60 motion-safe:animate-pulse sm:hidden dark:bg-zinc-800/60" />
      <div className={`space-y-3 px-4 py-6 sm:flex sm:flex-col sm:justify-end sm:px-8 sm:pb-10 ${BANNER}`}>
        <div className="h-3 w-24 rounded bg-zinc-300 dark:bg-zinc-700" />
        <div className="h-9 w-3/4 max-w-md rounded bg-zinc-300 dark:bg-zinc-700" />
        <div className="h-4 w-full max-w-xl rounded bg-zinc-300 dark:bg-zinc-700" />
        <div className="h-4 w-5/6 max-w-lg rounded bg-zinc-300 dark:bg-zinc-700" />
        <div className="h-10 w-32 rounded-md bg-zinc-300 dark:bg-zinc-700" />
      </div>
    </div>
  );
}
