import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Movie } from '@/lib/api/client';
import { mockFetch, renderWithApp } from '@/testing/render';
import { SearchBox } from './search-box';

const movie = (id: number, title: string, year: number): Movie => ({
  id,
  tmdb_id: id * 100,
  movielens_id: id,
  title,
  year,
  genres: ['Animation'],
  overview: null,
  poster_url: null,
  backdrop_url: null,
  vote_average: null,
  vote_count: null,
});

const TOYS = [movie(1, 'Toy Story', 1995), movie(3114, 'Toy Story 2', 1999), movie(78499, 'Toy Story 3', 2010)];

function setup(at: { path: string; route: string } = { path: '/', route: '/' }) {
  const { calls } = mockFetch({
    'GET /api/movies/search/': (url) => ({
      items: url.searchParams.get('q') === 'toy' ? TOYS : [],
      limit: 8,
      offset: 0,
      total: null,
      has_more: false,
    }),
  });
  const user = userEvent.setup();
  const { router } = renderWithApp(<SearchBox />, at);
  const input = screen.getByRole<HTMLInputElement>('combobox', { name: 'Search movies' });
  return { calls, user, router, input };
}

describe('SearchBox', () => {
  it('lists the matching movies as you type', async () => {
    const { user, input, calls } = setup();
    await user.type(input, 'toy');

    const options = await screen.findAllByRole('option');
    expect(options).toHaveLength(3);
    for (const name of [/^Toy Story\s*1995$/, /^Toy Story 2\s*1999$/, /^Toy Story 3\s*2010$/])
      expect(screen.getByRole('option', { name })).toBeTruthy();
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.getAttribute('aria-controls')).toBe(screen.getByRole('listbox').id);
    // Debounced: one request for the whole word, not one per key.
    expect(calls.map((c) => c.url.searchParams.get('q'))).toEqual(['toy']);
    expect(calls[0]?.url.searchParams.get('limit')).toBe('8');
  });

  it('says so when nothing matches', async () => {
    const { user, input } = setup();
    await user.type(input, 'zzz');
    expect((await screen.findByText('No movies match “zzz”')).textContent).toBeTruthy();
    expect(screen.queryAllByRole('option')).toEqual([]);
  });

  it('opens the second movie after ArrowDown twice and Enter', async () => {
    const { user, input, router } = setup();
    await user.type(input, 'toy');
    await screen.findAllByRole('option');

    await user.keyboard('{ArrowDown}{ArrowDown}');
    const second = screen.getAllByRole('option')[1];
    expect(input.getAttribute('aria-activedescendant')).toBe(second?.id);
    expect(second?.getAttribute('aria-selected')).toBe('true');

    await user.keyboard('{Enter}');
    expect(router.state.location.pathname).toBe('/movie/311400');
  });

  it('opens the full results with Enter when no option is active', async () => {
    const { user, input, router } = setup();
    await user.type(input, 'toy');
    await screen.findAllByRole('option');

    await user.keyboard('{Enter}');
    expect(router.state.location.pathname).toBe('/search');
    expect(router.state.location.search).toBe('?q=toy');
  });

  it('opens a movie on click', async () => {
    const { user, input, router } = setup();
    await user.type(input, 'toy');
    await user.click(await screen.findByRole('option', { name: /Toy Story 3/ }));
    expect(router.state.location.pathname).toBe('/movie/7849900');
  });

  it('closes with Escape', async () => {
    const { user, input } = setup();
    await user.type(input, 'toy');
    await screen.findAllByRole('option');

    await user.keyboard('{Escape}');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(input.value).toBe('toy');
  });

  it('shows the query of the results page it opens on, with the popup shut', () => {
    const { input, calls } = setup({ path: '/search', route: '/search?q=toy' });
    expect(input.value).toBe('toy');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(calls).toEqual([]);
  });
});
