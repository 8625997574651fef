/** A recommendation list's query shown as a MovieRow: its items with their reasons, and its states. */
import type { UseQueryResult } from '@tanstack/react-query';
import type { ListSource, Recommendation } from '@/lib/api/client';
import { MovieRow, type MovieRowProps, type RowItem } from '@/components/ui/movie-row';

interface RecommendationList {
  items: Recommendation[];
  source: ListSource;
}

export const toRowItems = (items: readonly Recommendation[]): RowItem[] =>
  items.map((movie) => ({ movie, reason: movie.reason }));

/** A fallback served the list: say so on the row. */
export const noticeOf = (source: ListSource | undefined): string | null => (source?.degraded ? source.notice : null);

/** The MovieRow props a list's query decides. */
export function rowState(query: UseQueryResult<RecommendationList>) {
  return {
    items: query.data && toRowItems(query.data.items),
    isLoading: query.isPending,
    error: query.error,
    onRetry: () => void query.refetch(),
    notice: noticeOf(query.data?.source),
  } satisfies Partial<MovieRowProps>;
}

type RecommendationRowProps = Pick<MovieRowProps, 'title' | 'label' | 'empty' | 'actions'> & {
  query: UseQueryResult<RecommendationList>;
};

export function RecommendationRow({ query, ...row }: RecommendationRowProps) {
  return <MovieRow {...row} {...rowState(query)} />;
}
