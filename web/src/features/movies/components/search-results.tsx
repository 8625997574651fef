/**
 * Every movie matching a query, best match first, as a grid of cards, a page at a time ("Load more").
 * Loading, no-match and error states keep the heading in place.
 */
import { MovieCard, MovieCardSkeleton } from '@/components/ui/movie-card';
import { EmptyState, ErrorState } from '@/components/ui/status-message';
import { buttonClass } from '@/components/ui/button';
import { useSearchResults } from '../api/search-movies';

const GRID =
  'grid grid-cols-[repeat(auto-fill,minmax(9rem,1fr))] gap-x-4 gap-y-6 sm:grid-cols-[repeat(auto-fill,minmax(10rem,1fr))]';
// The cards have fixed widths for rows; in the grid each fills its column (`!`: over the card's own width).
const SKELETONS = Array.from({ length: 12 }, (_, i) => i);

export function SearchResults({ query }: { query: string }) {
  const results = useSearchResults(query);
  if (results.isPending)
    return (
      <div role="status" aria-label="Searching" className={GRID}>
        {SKELETONS.map((i) => (
          <MovieCardSkeleton key={i} className="w-full!" />
        ))}
      </div>
    );
  if (results.isError && !results.data)
    return <ErrorState error={results.error} onRetry={() => void results.refetch()} />;
  const movies = results.data.pages.flatMap((page) => page.items);
  if (movies.length === 0)
    return (
      <EmptyState>
        No movies match “{query}”. Check the spelling, or try fewer words (a title’s first word is often enough).
      </EmptyState>
    );
  return (
    <>
      <ul className={GRID}>
        {movies.map((movie) => (
          <li key={movie.id}>
            <MovieCard movie={movie} className="w-full!" />
          </li>
        ))}
      </ul>
      <div className="mt-8 flex flex-col items-center gap-3">
        {results.isFetchNextPageError && (
          <ErrorState error={results.error} onRetry={() => void results.fetchNextPage()} />
        )}
        {results.hasNextPage && !results.isFetchNextPageError && (
          <button
            type="button"
            onClick={() => void results.fetchNextPage()}
            disabled={results.isFetchingNextPage}
            className={buttonClass('secondary')}
          >
            {results.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        )}
      </div>
    </>
  );
}
