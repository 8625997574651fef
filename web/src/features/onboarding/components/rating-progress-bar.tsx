/**
 * The onboarding's footer, stuck to the bottom of the screen while the grid scrolls: how many are
 * rated, Back, and the button that creates the profile once enough are rated.
 */
import { useId } from 'react';
import { ErrorState } from '@/components/ui/status-message';
import { cn } from '@/lib/cn';
import { buttonClass } from '@/components/ui/button';
import { countOf } from '@/lib/format';
import { MIN_RATINGS } from '../hooks/use-onboarding';

export interface RatingProgressBarProps {
  rated: number;
  onBack: () => void;
  onSubmit: () => void;
  submitting: boolean;
  error: unknown;
}

function progressText(rated: number): string {
  if (rated < MIN_RATINGS) return `${rated} of ${MIN_RATINGS} rated`;
  return `${rated} rated: ready when you are`;
}

function hintText(rated: number): string {
  const left = MIN_RATINGS - rated;
  return left > 0 ? `Rate ${countOf(left, 'more movie', 'more movies')} to continue.` : '';
}

export function RatingProgressBar({ rated, onBack, onSubmit, submitting, error }: RatingProgressBarProps) {
  const labelId = useId();
  const hintId = useId();
  const ready = rated >= MIN_RATINGS;
  const percent = (Math.min(rated, MIN_RATINGS) / MIN_RATINGS) * 100;
  return (
    <div className="sticky bottom-0 z-30 -mx-4 mt-8 border-t border-zinc-200 bg-white/95 px-4 py-3 backdrop-blur sm:-mx-8 sm:px-8 dark:border-zinc-800 dark:bg-zinc-950/95">
      {error ? <ErrorState error={error} onRetry={onSubmit} className="mb-3" /> : null}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-3">
        <div className="min-w-0 flex-1">
          <p id={labelId} aria-live="polite" className="text-sm font-medium">
            {progressText(rated)}
          </p>
          <div
            role="progressbar"
            aria-labelledby={labelId}
            aria-valuemin={0}
            aria-valuemax={MIN_RATINGS}
            aria-valuenow={Math.min(rated, MIN_RATINGS)}
            className="mt-1.5 h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
          >
            <div className="h-full rounded-full bg-accent transition-[width]" style={{ width: `${percent}%` }} />
          </div>
        </div>
        <button type="button" onClick={onBack} className={buttonClass('secondary')}>
          Back
        </button>
        <button
          type="button"
          onClick={onSubmit}
          disabled={!ready || submitting}
          aria-describedby={ready ? undefined : hintId}
          className={cn(buttonClass('primary'), 'w-full sm:w-auto')}
        >
          {submitting ? 'Creating your profile…' : 'Show my recommendations'}
        </button>
        {!ready && (
          <p id={hintId} className="sr-only">
            {hintText(rated)}
          </p>
        )}
      </div>
    </div>
  );
}
