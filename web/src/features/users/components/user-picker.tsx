/**
 * Choose a MovieLens user to browse as: search by id, the most active first (or by id), twenty a page.
 * Choosing signs in as that user and goes home to their recommendations.
 */
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ToggleGroup } from 'radix-ui';
import { signIn } from '@/lib/session';
import { useUsers, type UserSort } from '../api/get-users';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import type { UserSummary } from './user-card';
import { UserResults } from './user-results';

const SORTS: { value: UserSort; label: string }[] = [
  { value: 'ratings', label: 'Most active' },
  { value: 'id', label: 'By id' },
];

export function UserPicker() {
  const navigate = useNavigate();
  const [input, setInput] = useState('');
  const search = useDebouncedValue(input);
  const [sort, setSort] = useState<UserSort>('ratings');
  // A new search or sort starts again at its first page.
  const filter = `${sort}:${search}`;
  const [paging, setPaging] = useState({ filter, page: 0 });
  const page = paging.filter === filter ? paging.page : 0;
  const query = useUsers({ search, sort, page });
  const results = useRef<HTMLElement>(null);

  const goToPage = (next: number) => {
    setPaging({ filter, page: next });
    // Back to the top of the list the buttons just changed, and focus with it (the buttons sit below it).
    results.current?.scrollIntoView({ block: 'start' });
    results.current?.focus({ preventScroll: true });
  };
  const browse = (user: UserSummary) => {
    signIn({
      userId: user.id,
      kind: user.kind,
      movielensId: user.movielens_id,
      readOnly: user.read_only,
      token: null,
    });
    navigate('/');
  };

  return (
    <>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <label className="block sm:w-72">
          <span className="sr-only">Find a user by id</span>
          <input
            type="search"
            inputMode="numeric"
            autoComplete="off"
            placeholder="Find a user by id, e.g. 42"
            value={input}
            // User ids are numbers: anything else could never match.
            onChange={(event) => setInput(event.target.value.replace(/\D/g, ''))}
            className="w-full rounded-md bg-white px-3 py-2 ring-1 ring-zinc-300 placeholder:text-zinc-500 dark:bg-zinc-900 dark:ring-zinc-700"
          />
        </label>
        <ToggleGroup.Root
          type="single"
          aria-label="Order"
          value={sort}
          onValueChange={(next) => next && setSort(next as UserSort)}
          className="inline-flex w-fit rounded-md p-1 ring-1 ring-zinc-300 dark:ring-zinc-700"
        >
          {SORTS.map(({ value, label }) => (
            <ToggleGroup.Item
              key={value}
              value={value}
              className="rounded px-3 py-1 text-sm font-medium text-zinc-700 data-[state=on]:bg-zinc-900 data-[state=on]:text-white dark:text-zinc-300 dark:data-[state=on]:bg-zinc-100 dark:data-[state=on]:text-zinc-900"
            >
              {label}
            </ToggleGroup.Item>
          ))}
        </ToggleGroup.Root>
      </div>
      <UserResults
        ref={results}
        query={query}
        search={search}
        onBrowse={browse}
        onPage={goToPage}
        onClearSearch={() => setInput('')}
      />
    </>
  );
}
