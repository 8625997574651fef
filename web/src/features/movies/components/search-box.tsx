/**
 * The header's movie search: an ARIA combobox (APG "list autocomplete") whose popup suggests movies
 * as you type. Focus stays in the input throughout; the arrows move the active option
 * (aria-activedescendant), Enter opens it, or, with none active, the full results page.
 */
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { moviePath } from '@/lib/movies';
import { useMovieSuggestions } from '../api/search-movies';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { hasPage, SEARCH_PATH, searchPath, type Suggestion } from '../lib/search';
import { SuggestionPopup } from './suggestion-popup';

const DEBOUNCE_MS = 200;

/** The query the results page shows (`/search?q=toy`), or '' on any other page. */
function useResultsQuery(): string {
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  return pathname === SEARCH_PATH ? (params.get('q') ?? '') : '';
}

export function SearchBox() {
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const listboxId = useId();
  const resultsQuery = useResultsQuery();
  const [text, setText] = useState(resultsQuery);
  // The box shows the query of the results page under it, however that page was reached (a link,
  // Back, a reload), and empties on leaving it. Adjusted while rendering rather than in an effect,
  // so it never lags a frame behind the address; the popup stays shut until the box is used.
  const [shownQuery, setShownQuery] = useState(resultsQuery);
  if (shownQuery !== resultsQuery) {
    setShownQuery(resultsQuery);
    setText(resultsQuery);
  }
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const query = text.trim();
  const settledQuery = useDebouncedValue(query, DEBOUNCE_MS);
  const expanded = open && query.length > 0;
  // Asked only while the popup is open: a query submitted before the pause ends needs no suggestions.
  const suggestions = useMovieSuggestions(expanded ? settledQuery : '');
  const options = suggestions.data?.items.filter(hasPage) ?? [];
  const optionId = (index: number) => `${listboxId}-option-${index}`;

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const openMovie = (movie: Suggestion) => {
    close();
    setText('');
    input.current?.blur();
    navigate(moviePath(movie.tmdb_id));
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!query) return;
    close();
    navigate(searchPath(query));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = options.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (count === 0) return;
      // Past either end the active option wraps round, as in most comboboxes.
      setActive((i) => (event.key === 'ArrowDown' ? (i + 1) % count : i <= 0 ? count - 1 : i - 1));
    } else if (event.key === 'Enter' && expanded && options[active]) {
      event.preventDefault();
      openMovie(options[active]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (expanded) close();
      else setText('');
    }
  };

  return (
    <form role="search" onSubmit={onSubmit} className="relative">
      <label htmlFor={`${listboxId}-input`} className="sr-only">
        Search movies
      </label>
      <input
        ref={input}
        id={`${listboxId}-input`}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listboxId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="search"
        placeholder="Search movies…"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(-1);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={close}
        onKeyDown={onKeyDown}
        className="w-full rounded-full border border-zinc-300 bg-zinc-50 px-4 py-1.5 text-sm placeholder:text-zinc-500 focus:bg-white dark:border-zinc-700 dark:bg-zinc-900 dark:focus:bg-zinc-950"
      />
      <SuggestionPopup
        listboxId={listboxId}
        optionId={optionId}
        open={expanded}
        query={query}
        options={options}
        active={active}
        searching={settledQuery !== query || suggestions.isFetching}
        error={suggestions.error}
        onPick={openMovie}
        onSeeAll={close}
      />
    </form>
  );
}
