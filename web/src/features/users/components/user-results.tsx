/** A page of users (or its loading, error, empty state) and the Previous/Next bar. */
import type { UseQueryResult } from '@tanstack/react-query';
import type { Ref } from 'react';
import type { Schemas } from '@/lib/api/client';
import { cn } from '@/lib/cn';
import { EmptyState, ErrorState } from '@/components/ui/status-message';
import { buttonClass } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { formatCount } from '@/lib/format';
import { USERS_PAGE_SIZE } from '../api/get-users';
import { UserCard, type UserSummary } from './user-card';

interface UserResultsProps {
  ref: Ref<HTMLElement>;
  query: UseQueryResult<Schemas['UserSummaryPage']>;
  search: string;
  onBrowse: (user: UserSummary) => void;
  onPage: (page: number) => void;
  onClearSearch: () => void;
}

const GRID = 'mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4';

export function UserResults({ ref, query, search, onBrowse, onPage, onClearSearch }: UserResultsProps) {
  const { data, error, isPlaceholderData } = query;
  if (error && !data) return <ErrorState error={error} onRetry={() => void query.refetch()} className="mt-6" />;
  if (!data) return <UserGridSkeleton />;
  if (data.items.length === 0)
    return (
      <EmptyState className="mt-6">
        No MovieLens user id starts with {search}.{' '}
        <button
          type="button"
          onClick={onClearSearch}
          className="font-medium text-accent-strong underline dark:text-accent"
        >
          Show everyone
        </button>
      </EmptyState>
    );
  return (
    <section ref={ref} tabIndex={-1} aria-label="Users" aria-busy={isPlaceholderData} className="outline-none">
      <ul className={cn(GRID, isPlaceholderData && 'opacity-60 transition-opacity')}>
        {data.items.map((user) => (
          <li key={user.id}>
            <UserCard user={user} onBrowse={onBrowse} />
          </li>
        ))}
      </ul>
      <Pager page={data} onPage={onPage} />
    </section>
  );
}

/** "Showing 21–40 of 610" between Previous and Next. */
function Pager({ page, onPage }: { page: Schemas['UserSummaryPage']; onPage: (page: number) => void }) {
  const index = Math.floor(page.offset / USERS_PAGE_SIZE);
  const range = `${page.offset + 1}–${page.offset + page.items.length}`;
  const button = cn(buttonClass('secondary', 'sm'), 'disabled:hover:bg-transparent');
  return (
    <nav aria-label="Pages" className="mt-6 flex items-center justify-between gap-3">
      <button type="button" className={button} disabled={index === 0} onClick={() => onPage(index - 1)}>
        Previous
      </button>
      <p role="status" className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        Showing {range}
        {page.total !== null && ` of ${formatCount(page.total)}`}
      </p>
      <button type="button" className={button} disabled={!page.has_more} onClick={() => onPage(index + 1)}>
        Next
      </button>
    </nav>
  );
}

function UserGridSkeleton() {
  return (
    <ul role="status" aria-label="Loading users" className={GRID}>
      {Array.from({ length: 8 }, (_, i) => (
        <li key={i}>
          <Skeleton className="h-64 rounded-xl" />
        </li>
      ))}
    </ul>
  );
}
