/**
 * The signed-in user's ratings, newest first, a page at a time (`?page=` in the address, so Back
 * and a shared link keep the page). Each row's stars re-rate in place; a read-only MovieLens user
 * sees them disabled, with the reason said once above the list.
 */
import { Link, useSearchParams } from 'react-router';
import { MovieImage } from '@/components/ui/movie-image';
import { StarRating } from '@/components/ui/star-rating';
import { EmptyState, ErrorState } from '@/components/ui/status-message';
import type { Schemas } from '@/lib/api/client';
import type { Session } from '@/lib/session';
import { Skeleton } from '@/components/ui/skeleton';
import { countOf } from '@/lib/format';
import { moviePath, yearText } from '@/lib/movies';
import { RATINGS_PAGE_SIZE, useRatings } from '../api/get-ratings';
import { useRateMovie } from '../api/rate-movie';
import { Pager } from './pager';
import { ReadOnlyNotice } from './rating-notices';

type UserRating = Schemas['UserRating'];

const ratedOn = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function usePage(): number {
  const [params] = useSearchParams();
  const page = Number(params.get('page') ?? 1);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

export function RatingsList({ session }: { session: Session }) {
  const page = usePage();
  const ratings = useRatings(session.userId, (page - 1) * RATINGS_PAGE_SIZE);
  const rate = useRateMovie();
  if (ratings.isPending) return <RatingsSkeleton />;
  if (ratings.isError) return <ErrorState error={ratings.error} onRetry={() => void ratings.refetch()} />;
  const { items, total, has_more } = ratings.data;
  if (items.length === 0)
    return page === 1 ? (
      <EmptyState>No ratings yet. Search for a movie you love above and give it some stars.</EmptyState>
    ) : (
      <EmptyState>
        There is no page {page}. <Link to="?page=1">Back to the first page</Link>
      </EmptyState>
    );
  const pages = total === null ? null : Math.max(1, Math.ceil(total / RATINGS_PAGE_SIZE));
  return (
    <>
      {total !== null && <p className="text-sm text-zinc-600 dark:text-zinc-400">{countOf(total, 'movie')} rated</p>}
      {session.readOnly && <ReadOnlyNotice />}
      <ul aria-busy={ratings.isPlaceholderData || undefined} className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {items.map((r) => (
          <RatingRow
            key={r.movie.id}
            rating={r}
            readOnly={session.readOnly}
            onRate={(rating) => rate.mutate({ movie: r.movie, rating })}
          />
        ))}
      </ul>
      <Pager page={page} pages={pages} hasMore={has_more} />
    </>
  );
}

function RatingRow({
  rating,
  readOnly,
  onRate,
}: {
  rating: UserRating;
  readOnly: boolean;
  onRate: (v: number) => void;
}) {
  const { movie } = rating;
  return (
    <li className="flex items-center gap-3 py-3 sm:gap-4">
      {/* Too small for a generated poster's caption: its colour alone, the title is beside it. */}
      <MovieImage kind="poster" movie={movie} sizes="3rem" className="w-12 shrink-0 rounded [&_span]:hidden" />
      <div className="min-w-0 flex-1">
        {movie.tmdb_id === null ? (
          <p className="font-medium">{movie.title}</p>
        ) : (
          <Link to={moviePath(movie.tmdb_id)} className="font-medium hover:underline">
            {movie.title}
          </Link>
        )}
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {yearText(movie)} · Rated <time dateTime={rating.rated_at}>{ratedOn.format(new Date(rating.rated_at))}</time>
        </p>
      </div>
      <StarRating value={rating.rating} onChange={onRate} label={`Your rating of ${movie.title}`} disabled={readOnly} />
    </li>
  );
}

const SKELETON_ROWS = Array.from({ length: 8 }, (_, i) => i);

function RatingsSkeleton() {
  return (
    <ul role="status" aria-label="Loading your ratings" className="divide-y divide-zinc-200 dark:divide-zinc-800">
      {SKELETON_ROWS.map((i) => (
        <li key={i} className="flex items-center gap-3 py-3 sm:gap-4">
          <Skeleton className="aspect-[2/3] w-12 shrink-0 rounded" />
          <div className="flex-1 space-y-2">
            <Skeleton className="h-4 w-1/2 rounded" />
            <Skeleton className="h-3 w-1/4 rounded" />
          </div>
          <Skeleton className="h-5 w-24 rounded" />
        </li>
      ))}
    </ul>
  );
}
