import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/lib/api/client';
import { readSession } from '@/lib/session';
import { mockFetch, renderWithApp } from '@/testing/render';
import { UserPicker } from './user-picker';

const poster = (id: number, title: string): Schemas['Movie'] => ({
  id,
  tmdb_id: id,
  movielens_id: id,
  title,
  year: 1999,
  genres: ['Drama'],
  overview: null,
  poster_url: `https://image.tmdb.org/t/p/w342/${id}.jpg`,
  backdrop_url: null,
  vote_average: null,
  vote_count: null,
});

const user = (id: number): Schemas['UserSummary'] => ({
  id,
  kind: 'movielens',
  movielens_id: id,
  rating_count: 1000 - id,
  top_genres: ['Film-Noir', 'Crime'],
  favorite_movies: [poster(1, 'Heat'), poster(2, 'Ronin')],
  read_only: true,
});

/** 610 users, twenty a page, whose ids start with the search. */
function setup() {
  const { calls } = mockFetch({
    'GET /api/users/': (url) => {
      const search = url.searchParams.get('search') ?? '';
      const offset = Number(url.searchParams.get('offset'));
      const all = Array.from({ length: 610 }, (_, i) => i + 1).filter((id) => String(id).startsWith(search));
      return {
        items: all.slice(offset, offset + 20).map(user),
        limit: 20,
        offset,
        total: all.length,
        has_more: offset + 20 < all.length,
      };
    },
  });
  renderWithApp(<UserPicker />, { path: '/users', route: '/users' });
  const lastQuery = () => Object.fromEntries(calls.at(-1)!.url.searchParams);
  return { calls, lastQuery };
}

const card = (name: string) => screen.getByRole('article', { name });

describe('UserPicker', () => {
  it('lists the most active MovieLens users with their counts, genres and favourites', async () => {
    const { lastQuery } = setup();
    expect(screen.getByRole('status', { name: 'Loading users' })).toBeTruthy();
    await screen.findByRole('article', { name: 'User 1' });
    expect(lastQuery()).toEqual({ kind: 'movielens', sort: 'ratings', limit: '20', offset: '0' });
    expect(screen.getAllByRole('article')).toHaveLength(20);
    const first = card('User 1');
    expect(within(first).getByText('999 ratings')).toBeTruthy();
    const genres = within(first).getByRole('list', { name: 'Top genres' });
    expect(
      within(genres)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Film-Noir', 'Crime']);
    const posters = first.querySelectorAll('img');
    expect([...posters].map((img) => img.getAttribute('alt'))).toEqual(['', '']);
    expect(first.textContent).toContain('Favourites: Heat and Ronin');
    expect(screen.getByRole('radio', { name: 'Most active' }).getAttribute('aria-checked')).toBe('true');
  });

  it('pages through twenty at a time', async () => {
    const { lastQuery } = setup();
    await screen.findByText('Showing 1–20 of 610');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Previous' }).disabled).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('Showing 21–40 of 610');
    expect(lastQuery().offset).toBe('20');
    expect(screen.getByRole('article', { name: 'User 21' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Previous' }));
    await screen.findByText('Showing 1–20 of 610');
  });

  it('searches by the digits typed, once typing pauses, from the first page', async () => {
    const { calls, lastQuery } = setup();
    await userEvent.click(await screen.findByRole('button', { name: 'Next' }));
    await screen.findByText('Showing 21–40 of 610');
    const input = screen.getByRole('searchbox', { name: 'Find a user by id' });
    await userEvent.type(input, '4x2');
    expect((input as HTMLInputElement).value).toBe('42');
    await screen.findByText('Showing 1–11 of 11'); // 42 and 420–429
    expect(lastQuery()).toMatchObject({ search: '42', offset: '0' });
    // The pause came after the last key: "4" alone was never asked for.
    expect(calls.some((c) => c.url.searchParams.get('search') === '4')).toBe(false);
  });

  it('says when no user matches, with the way back to everyone', async () => {
    setup();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Find a user by id' }), '999');
    await screen.findByText(/No MovieLens user id starts with 999/);
    await userEvent.click(screen.getByRole('button', { name: 'Show everyone' }));
    await screen.findByText('Showing 1–20 of 610');
  });

  it('orders by id on request, from the first page', async () => {
    const { lastQuery } = setup();
    await userEvent.click(await screen.findByRole('button', { name: 'Next' }));
    await screen.findByText('Showing 21–40 of 610');
    await userEvent.click(screen.getByRole('radio', { name: 'By id' }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ sort: 'id', offset: '0' }));
    await screen.findByText('Showing 1–20 of 610');
  });

  it('says what went wrong and retries', async () => {
    let fail = true;
    mockFetch({
      'GET /api/users/': () =>
        fail
          ? Response.json(
              { error: { code: 'unavailable', message: 'The database is not answering.' } },
              { status: 503 },
            )
          : { items: [user(7)], limit: 20, offset: 0, total: 1, has_more: false },
    });
    renderWithApp(<UserPicker />);
    expect((await screen.findByRole('alert')).textContent).toContain('The database is not answering.');
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('article', { name: 'User 7' })).toBeTruthy();
  });

  it('signs in as the chosen user and goes home', async () => {
    setup();
    await userEvent.click(await screen.findByRole('button', { name: 'Browse as user 3' }));
    expect(readSession()).toEqual({ userId: 3, kind: 'movielens', movielensId: 3, readOnly: true, token: null });
    expect(await screen.findByText('elsewhere')).toBeTruthy();
  });
});
