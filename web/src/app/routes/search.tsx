/** `/search?q=toy`: every movie matching the query, from the header's search box. */
import { useSearchParams } from 'react-router';
import { Page } from '@/components/ui/page';
import { EmptyState } from '@/components/ui/status-message';
import { SearchResults } from '@/features/movies/components/search-results';

export default function SearchRoute() {
  const [params] = useSearchParams();
  const query = params.get('q')?.trim() ?? '';
  return (
    <Page title={query ? `Results for “${query}”` : 'Search'} className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-8">
      <h1 className="mb-6 text-2xl font-bold tracking-tight sm:text-3xl">
        {query ? `Results for “${query}”` : 'Search movies'}
      </h1>
      {query ? (
        // Keyed by query: a new search starts from its first page.
        <SearchResults key={query} query={query} />
      ) : (
        <EmptyState>Type a title in the search box above.</EmptyState>
      )}
    </Page>
  );
}
