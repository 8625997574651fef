/** Step 1: the genres the seed movies are drawn from, as toggle chips. */
import { useId } from 'react';
import { EmptyState, ErrorState } from '@/components/ui/status-message';
import { cn } from '@/lib/cn';
import { genreHue } from '@/lib/genre-colors';
import { useGenres, type Genre, type GenreCount } from '@/lib/api/genres';
import { buttonClass } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { formatCount } from '@/lib/format';
import { StepHeading } from './step-heading';

export interface GenreStepProps {
  selected: readonly Genre[];
  onToggle: (genre: Genre) => void;
  onNext: () => void;
  focusOnMount: boolean;
}

const CHIP_SKELETONS = Array.from({ length: 12 }, (_, i) => i);

export function GenreStep({ selected, onToggle, onNext, focusOnMount }: GenreStepProps) {
  const genres = useGenres();
  const hintId = useId();
  const labelId = useId();
  const hint =
    selected.length === 0 ? 'Pick at least one genre.' : `${selected.length} picked: ${selected.join(', ')}.`;
  return (
    <>
      <StepHeading step={1} title="What do you like to watch?" focusOnMount={focusOnMount}>
        Pick the genres you enjoy. Next you rate a few well-loved movies from them, and your recommendations are ready
        straight away.
      </StepHeading>
      <h2 id={labelId} className="sr-only">
        Genres
      </h2>
      {genres.error ? (
        <ErrorState error={genres.error} onRetry={() => void genres.refetch()} />
      ) : !genres.data ? (
        <div role="status" aria-label="Loading genres" className="flex flex-wrap gap-2">
          {CHIP_SKELETONS.map((i) => (
            <Skeleton key={i} className="h-10 w-28 rounded-full" />
          ))}
        </div>
      ) : genres.data.items.length === 0 ? (
        <EmptyState>No movies are loaded yet, so there is nothing to pick from.</EmptyState>
      ) : (
        <div role="group" aria-labelledby={labelId} className="flex flex-wrap gap-2">
          {genres.data.items.map((genre) => (
            <GenreChip
              key={genre.name}
              genre={genre}
              pressed={selected.includes(genre.name as Genre)}
              onToggle={onToggle}
            />
          ))}
        </div>
      )}
      <div className="mt-8 flex flex-wrap items-center gap-4">
        <button
          type="button"
          onClick={onNext}
          disabled={selected.length === 0}
          aria-describedby={hintId}
          className={buttonClass('primary', 'lg')}
        >
          Next
        </button>
        <p id={hintId} aria-live="polite" className="text-sm text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      </div>
    </>
  );
}

function GenreChip({
  genre,
  pressed,
  onToggle,
}: {
  genre: GenreCount;
  pressed: boolean;
  onToggle: (genre: Genre) => void;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      // The names come from the API's own genre list, the same vocabulary the Genre type spells out.
      onClick={() => onToggle(genre.name as Genre)}
      className={cn(
        'flex items-center gap-2 rounded-full px-4 py-2 text-sm font-medium ring-1 transition-colors',
        pressed
          ? 'bg-accent-strong text-white ring-accent-strong'
          : 'bg-white ring-zinc-300 hover:bg-zinc-100 dark:bg-zinc-900 dark:ring-zinc-700 dark:hover:bg-zinc-800',
      )}
    >
      {/* A tick as well as the colour, so the choice does not rest on colour alone. */}
      {pressed ? (
        <span aria-hidden className="grid size-2.5 place-items-center text-xs leading-none">
          ✓
        </span>
      ) : (
        <span
          aria-hidden
          className="size-2.5 rounded-full"
          style={{ background: `oklch(0.62 0.16 ${genreHue([genre.name])})` }}
        />
      )}
      {genre.name}
      <span className={cn('text-xs', pressed ? 'text-white' : 'text-zinc-500 dark:text-zinc-400')}>
        {formatCount(genre.movie_count)}
        <span className="sr-only"> movies</span>
      </span>
    </button>
  );
}
