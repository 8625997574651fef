/**
 * The signed-in home's banner: the top For You pick over its backdrop, with why it was picked and the
 * way to its page. While For You loads it holds the banner's size; an empty For You explains itself.
 */
import { useId } from 'react';
import { Link } from 'react-router';
import type { Recommendation } from '@/lib/api/client';
import { MovieImage } from '@/components/ui/movie-image';
import { useForYou } from '../api/get-for-you';
import { NoPicksYet } from './no-picks-yet';

// One box for the backdrop and the skeleton: the banner does not change height when the pick arrives.
const BANNER = 'w-full sm:aspect-[21/9] lg:aspect-[3/1]';

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
      <div className="relative">
        <MovieImage
          kind="backdrop"
          movie={pick}
          sizes="100vw"
          eager
          // The banner writes the title itself; a generated backdrop's caption would repeat it beneath.
          className={`${BANNER} [&_span]:hidden`}
        />
        {/* Narrow: the backdrop fades into the text below it. Wide: the text sits on its darkened left. */}
        <div
          aria-hidden
          className="absolute inset-0 bg-gradient-to-t from-zinc-950 via-zinc-950/30 to-transparent sm:bg-gradient-to-r sm:from-zinc-950/95 sm:via-zinc-950/60"
        />
      </div>
      <div className="relative -mt-20 px-4 pb-6 sm:absolute sm:inset-y-0 sm:left-0 sm:mt-0 sm:flex sm:max-w-xl sm:flex-col sm:justify-end sm:px-8 sm:pb-10 lg:max-w-2xl">
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
            to={`/movie/${pick.tmdb_id}`}
            className="mt-5 inline-block w-fit rounded-md bg-white px-5 py-2 font-semibold text-zinc-950 hover:bg-zinc-200"
          >
            More info<span className="sr-only"> about {pick.title}</span>
          </Link>
        )}
      </div>
    </section>
  );
}

function HeroSkeleton() {
  return (
    <div role="status" aria-label="Loading your top pick" className="relative bg-zinc-200 dark:bg-zinc-900">
      <div className={`${BANNER} aspect-video animate-pulse bg-zinc-300/60 dark:bg-zinc-800/60`} />
      <div className="space-y-3 px-4 py-6 sm:absolute sm:bottom-10 sm:left-8 sm:w-96 sm:px-0 sm:py-0">
        <div className="h-3 w-24 rounded bg-zinc-300 dark:bg-zinc-700" />
        <div className="h-9 w-3/4 rounded bg-zinc-300 dark:bg-zinc-700" />
        <div className="h-4 w-full rounded bg-zinc-300 dark:bg-zinc-700" />
        <div className="h-4 w-5/6 rounded bg-zinc-300 dark:bg-zinc-700" />
      </div>
    </div>
  );
}
