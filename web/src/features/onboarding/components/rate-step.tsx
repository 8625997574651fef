/** Step 2: rate seed movies from the chosen genres; five ratings unlock the recommendations. */
import { useId } from 'react';
import { EmptyState, ErrorState } from '@/components/ui/status-message';
import type { Movie } from '@/lib/api/client';
import { buttonClass } from '@/components/ui/button';
import type { Genre } from '@/lib/api/genres';
import { formatList } from '@/lib/format';
import { useSeedMovies } from '../api/get-seed-movies';
import { MAX_SEEDS, MIN_RATINGS, SEED_PAGE, type RatedMovie } from '../hooks/use-onboarding';
import { RatingProgressBar } from './rating-progress-bar';
import { SeedMovieTile, SeedMovieTileSkeleton } from './seed-movie-tile';
import { StepHeading } from './step-heading';

export interface RateStepProps {
  genres: readonly Genre[];
  ratings: ReadonlyMap<number, RatedMovie>;
  limit: number;
  onRate: (movie: Movie, rating: number) => void;
  onClear: (movieId: number) => void;
  onMore: () => void;
  onBack: () => void;
  onSubmit: () => void;
  submitting: boolean;
  submitError: unknown;
  focusOnMount: boolean;
}

const TILE_SKELETONS = Array.from({ length: SEED_PAGE }, (_, i) => i);

/** The seed list, after any rated movie it no longer holds (rated under other genres before Back). */
function moviesToShow(seeds: readonly Movie[], ratings: ReadonlyMap<number, RatedMovie>): Movie[] {
  const listed = new Set(seeds.map((m) => m.id));
  const elsewhere = [...ratings.values()].map((r) => r.movie).filter((m) => !listed.has(m.id));
  return [...elsewhere, ...seeds];
}

export function RateStep(props: RateStepProps) {
  const { genres, ratings, limit, onRate, onClear, focusOnMount } = props;
  const seeds = useSeedMovies(genres, limit);
  const headingId = useId();
  const items = seeds.data?.items;
  const canLoadMore = items !== undefined && items.length >= limit && limit < MAX_SEEDS;
  const loadingMore = seeds.isPlaceholderData && seeds.isFetching;

  return (
    <>
      <StepHeading step={2} title="Rate movies you have seen" focusOnMount={focusOnMount}>
        Popular, well-rated picks from {formatList(genres)}. Rate at least {MIN_RATINGS} (half stars count); skip the
        ones you have not seen. The more you rate, the better the first recommendations.
      </StepHeading>
      <section aria-labelledby={headingId}>
        <h2 id={headingId} className="sr-only">
          Movies to rate
        </h2>
        {seeds.error && !items ? (
          <ErrorState error={seeds.error} onRetry={() => void seeds.refetch()} />
        ) : !items ? (
          <ul role="status" aria-label="Loading movies to rate" className={GRID}>
            {TILE_SKELETONS.map((i) => (
              <li key={i}>
                <SeedMovieTileSkeleton />
              </li>
            ))}
          </ul>
        ) : items.length === 0 && ratings.size === 0 ? (
          <EmptyState>No well-rated movies in these genres yet. Go back and pick others.</EmptyState>
        ) : (
          <ul className={GRID}>
            {moviesToShow(items, ratings).map((movie) => (
              <li key={movie.id}>
                <SeedMovieTile
                  movie={movie}
                  rating={ratings.get(movie.id)?.rating ?? null}
                  onRate={onRate}
                  onClear={onClear}
                />
              </li>
            ))}
          </ul>
        )}
        {canLoadMore && (
          <div className="mt-6 flex justify-center">
            <button type="button" onClick={props.onMore} disabled={loadingMore} className={buttonClass('secondary')}>
              {loadingMore ? 'Loading more…' : 'More movies'}
            </button>
          </div>
        )}
      </section>
      <RatingProgressBar
        rated={ratings.size}
        onBack={props.onBack}
        onSubmit={props.onSubmit}
        submitting={props.submitting}
        error={props.submitError}
      />
    </>
  );
}

const GRID = 'grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 md:grid-cols-4 lg:grid-cols-6';
