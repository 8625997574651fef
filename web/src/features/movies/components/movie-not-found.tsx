import { Link } from 'react-router';
import { buttonClass } from '@/components/ui/button';
import { cn } from '@/lib/cn';

/** A movie id the catalogue does not know (a stale link, a typo in the address). */
export function MovieNotFound() {
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">We could not find that movie</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">
        It may not be in the catalogue, or the link is wrong. Try searching for it by title above.
      </p>
      <Link to="/" className={cn(buttonClass('primary'), 'mt-6')}>
        Back home
      </Link>
    </div>
  );
}
