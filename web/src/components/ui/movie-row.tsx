/**
 * A titled horizontal row of movie cards. The strip is one tab stop that scrolls with the arrow keys
 * (and the buttons), and every card inside is a link of its own. Loading, error and empty states
 * keep the row's height so the page does not jump.
 */
import { useId, useRef, type ReactNode } from 'react';
import type { Movie } from '@/lib/api/client';
import { DegradedNotice, EmptyState, ErrorState } from './status-message';
import { MovieCard, MovieCardSkeleton } from './movie-card';

export interface RowItem {
  movie: Movie;
  reason?: string | null;
}

export interface MovieRowProps {
  title: ReactNode;
  /** Plain-text name of the row, for the scroll strip's label. */
  label: string;
  items: readonly RowItem[] | undefined;
  isLoading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  notice?: string | null;
  empty?: ReactNode;
  /** Beside the title (genre chips, a link). */
  actions?: ReactNode;
}

const SKELETONS = Array.from({ length: 8 }, (_, i) => i);

export function MovieRow({ title, label, items, isLoading, error, onRetry, notice, empty, actions }: MovieRowProps) {
  const headingId = useId();
  const strip = useRef<HTMLUListElement>(null);
  const scrollBy = (direction: 1 | -1) =>
    strip.current?.scrollBy({ left: direction * strip.current.clientWidth * 0.8, behavior: 'smooth' });

  return (
    <section aria-labelledby={headingId} className="py-3">
      <div className="mb-1 flex flex-wrap items-center gap-x-4 gap-y-2 px-4 sm:px-8">
        <h2 id={headingId} className="text-lg font-semibold sm:text-xl">
          {title}
        </h2>
        {actions}
        {items && items.length > 0 && (
          <div className="ml-auto hidden gap-1 sm:flex">
            <ScrollButton label={`Scroll ${label} left`} onClick={() => scrollBy(-1)} glyph="‹" />
            <ScrollButton label={`Scroll ${label} right`} onClick={() => scrollBy(1)} glyph="›" />
          </div>
        )}
      </div>
      <div className="px-4 sm:px-8">
        <DegradedNotice notice={notice} />
      </div>
      {error ? (
        <ErrorState error={error} onRetry={onRetry} className="mx-4 sm:mx-8" />
      ) : isLoading || !items ? (
        <div
          className="flex gap-4 overflow-hidden px-4 py-2 sm:px-8"
          aria-busy="true"
          aria-label={`Loading ${label}`}
          role="status"
        >
          {SKELETONS.map((i) => (
            <MovieCardSkeleton key={i} />
          ))}
        </div>
      ) : items.length === 0 ? (
        <EmptyState className="mx-4 sm:mx-8">{empty ?? 'Nothing here yet.'}</EmptyState>
      ) : (
        <ul
          ref={strip}
          tabIndex={0}
          aria-label={label}
          // The vertical padding leaves room for a focused card's outline, which the scroller would clip.
          className="scrollbar-none flex snap-x gap-4 overflow-x-auto scroll-px-4 px-4 py-2 sm:scroll-px-8 sm:px-8"
        >
          {items.map(({ movie, reason }) => (
            <li key={movie.id} className="shrink-0">
              <MovieCard movie={movie} reason={reason} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ScrollButton({ label, onClick, glyph }: { label: string; onClick: () => void; glyph: string }) {
  return (
    <button
      type="button"
      aria-label={label}
      onClick={onClick}
      className="grid size-8 place-items-center rounded-full bg-zinc-200 text-lg hover:bg-zinc-300 dark:bg-zinc-800 dark:hover:bg-zinc-700"
    >
      <span aria-hidden>{glyph}</span>
    </button>
  );
}
