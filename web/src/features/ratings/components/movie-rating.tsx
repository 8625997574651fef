/**
 * The movie page's rating: the user's stars, saved as they change. Signed out, or as a read-only
 * MovieLens user, it says why there are no stars to use (showing a MovieLens rating as it stands).
 */
import { StarRating } from '@/components/ui/star-rating';
import type { Movie } from '@/lib/api/client';
import { useSession } from '@/lib/session';
import { useRateMovie } from '../api/rate-movie';
import { ReadOnlyNotice, SignInPrompt } from './rating-notices';

export function MovieRating({ movie, value }: { movie: Movie; value: number | null }) {
  const session = useSession();
  const rate = useRateMovie();
  const label = `Your rating of ${movie.title}`;
  return (
    <section className="space-y-2">
      <h2 className="text-sm font-semibold text-zinc-600 uppercase dark:text-zinc-400">Your rating</h2>
      {!session ? (
        <SignInPrompt purpose="to rate this movie" />
      ) : session.readOnly ? (
        <>
          {value !== null && <StarRating value={value} label={label} size="lg" disabled />}
          <ReadOnlyNotice />
        </>
      ) : (
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
          <StarRating value={value} onChange={(rating) => rate.mutate({ movie, rating })} label={label} size="lg" />
          <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
            {rate.isPending ? 'Saving…' : value === null ? 'Not rated yet: pick a star' : `${value} of 5`}
          </p>
        </div>
      )}
    </section>
  );
}
