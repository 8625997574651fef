/** In the hero's place when For You is empty (a new user the model cannot place yet): what to do next. */
import { Link } from 'react-router';
import { buttonClass } from '@/components/ui/button';
import { cn } from '@/lib/cn';

export function NoPicksYet() {
  return (
    <section aria-labelledby="no-picks" className="px-4 pt-8 sm:px-8">
      <div className="rounded-xl border border-dashed border-zinc-300 p-6 sm:p-10 dark:border-zinc-700">
        <h2 id="no-picks" className="text-2xl font-semibold">
          Your picks are on their way
        </h2>
        <p className="mt-2 max-w-2xl text-zinc-600 dark:text-zinc-400">
          Rate a few movies you have seen and the model learns your taste. Find them with the search above or in
          Trending below: every rating refreshes your picks.
        </p>
        <Link to="/ratings" className={cn(buttonClass('primary'), 'mt-4')}>
          See your ratings
        </Link>
      </div>
    </section>
  );
}
