/**
 * The search box's popup: the listbox of suggested movies, and beside it (not in it: a listbox holds
 * only options) a status line for searching, no match or an error, and a link to every result.
 * Pressing the mouse inside does not take focus from the input, so a click lands before blur closes it.
 */
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { MovieImage } from '@/components/ui/movie-image';
import { errorMessage } from '@/lib/api/client';
import { cn } from '@/lib/cn';
import { countOf } from '@/lib/format';
import { yearText } from '@/lib/movies';
import { searchPath, type Suggestion } from '../lib/search';

export interface SuggestionPopupProps {
  listboxId: string;
  optionId: (index: number) => string;
  open: boolean;
  query: string;
  options: readonly Suggestion[];
  active: number;
  searching: boolean;
  error: unknown;
  onPick: (movie: Suggestion) => void;
  onSeeAll: () => void;
}

function statusText({ query, options, searching, error }: SuggestionPopupProps): string {
  if (error) return `Search failed: ${errorMessage(error)}`;
  if (options.length > 0) return countOf(options.length, 'suggestion');
  return searching ? 'Searching…' : `No movies match “${query}”`;
}

export function SuggestionPopup(props: SuggestionPopupProps) {
  const { listboxId, optionId, open, query, options, active, onPick, onSeeAll } = props;
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    list.current?.children[active]?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  return (
    <div
      hidden={!open}
      onMouseDown={(e) => e.preventDefault()}
      className="absolute inset-x-0 top-full z-50 mt-1 max-h-[70vh] overflow-y-auto rounded-lg bg-white px-1 pt-1 shadow-xl ring-1 ring-black/10 dark:bg-zinc-900 dark:ring-white/10"
    >
      <ul ref={list} id={listboxId} role="listbox" aria-label="Suggested movies">
        {options.map((movie, index) => (
          <li
            key={movie.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            onClick={() => onPick(movie)}
            className={cn(
              'flex cursor-pointer items-center gap-3 rounded-md p-1.5 hover:bg-zinc-100 dark:hover:bg-zinc-800',
              index === active && 'bg-zinc-100 ring-2 ring-accent ring-inset dark:bg-zinc-800',
            )}
          >
            {/* Too small for the placeholder's caption: its colour alone, the title is beside it. */}
            <MovieImage kind="poster" movie={movie} sizes="2.5rem" className="w-10 shrink-0 rounded [&_span]:hidden" />
            <span className="min-w-0">
              <span className="block truncate text-sm font-medium">{movie.title}</span>
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">{yearText(movie)}</span>
            </span>
          </li>
        ))}
      </ul>
      <p
        role="status"
        className={cn('px-2 pt-2 pb-3 text-sm text-zinc-600 dark:text-zinc-400', options.length > 0 && 'sr-only')}
      >
        {open ? statusText(props) : ''}
      </p>
      {options.length > 0 && (
        <Link
          to={searchPath(query)}
          onClick={onSeeAll}
          tabIndex={-1}
          // Stuck to the popup's foot: with eight suggestions on a short screen it would scroll out of sight.
          className="sticky bottom-0 -mx-1 block border-t border-zinc-200 bg-white px-3 py-2.5 text-sm font-medium text-accent-strong hover:bg-zinc-100 dark:border-zinc-800 dark:bg-zinc-900 dark:text-accent dark:hover:bg-zinc-800"
        >
          All results for “{query}”{active < 0 && <span className="ml-1 text-xs text-zinc-500">(Enter)</span>}
        </Link>
      )}
    </div>
  );
}
