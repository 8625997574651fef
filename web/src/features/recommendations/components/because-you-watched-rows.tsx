/**
 * One row per recently loved movie ("Because you watched Heat"), its title linking to that movie.
 * A user with no such movie yet gets no rows at all rather than an empty one.
 */
import { Link } from 'react-router';
import type { Movie } from '@/lib/api/client';
import { MovieRow } from '@/components/ui/movie-row';
import { moviePath } from '@/lib/movies';
import { useBecauseYouWatched } from '../api/get-because-you-watched';
import { noticeOf, toRowItems } from './recommendation-row';

const LABEL = 'Because you watched';

export function BecauseYouWatchedRows({ userId }: { userId: number }) {
  const query = useBecauseYouWatched(userId);
  if (query.isPending || query.error)
    return (
      <MovieRow
        title={LABEL}
        label={LABEL}
        items={undefined}
        isLoading={query.isPending}
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  const notice = noticeOf(query.data.source);
  return query.data.rows
    .filter((row) => row.items.length > 0)
    .map((row, index) => (
      <MovieRow
        key={row.because.id}
        title={
          <>
            {LABEL} <AnchorTitle movie={row.because} />
          </>
        }
        label={`${LABEL} ${row.because.title}`}
        items={toRowItems(row.items)}
        // The fallback served every row: saying so once is enough.
        notice={index === 0 ? notice : null}
      />
    ));
}

function AnchorTitle({ movie }: { movie: Movie }) {
  if (movie.tmdb_id === null) return <span className="text-accent-strong dark:text-accent">{movie.title}</span>;
  return (
    <Link to={moviePath(movie.tmdb_id)} className="rounded text-accent-strong hover:underline dark:text-accent">
      {movie.title}
    </Link>
  );
}
