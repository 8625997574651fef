import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Movie, Recommendation, RecommendationPage } from '@/lib/api/client';
import { signIn } from '@/lib/session';
import { mockFetch, renderWithApp } from '@/testing/render';
import HomeRoute from './home';

const movie = (id: number, title: string, genres: string[] = ['Drama']): Movie => ({
  id,
  tmdb_id: id + 1000,
  movielens_id: id,
  title,
  year: 2000 + id,
  genres,
  overview: `${title}, told well.`,
  poster_url: null,
  backdrop_url: null,
  vote_average: 7.5,
  vote_count: 100,
});

const pick = (id: number, title: string, reason: string, genres?: string[]): Recommendation => ({
  ...movie(id, title, genres),
  reason,
  score: 1,
});

const page = (items: Recommendation[], notice: string | null = null): RecommendationPage => ({
  items,
  limit: 20,
  offset: 0,
  total: null,
  has_more: false,
  source: { degraded: notice !== null, notice, encoder: null, index: null },
});

/** The row called `name` appears with a card per title, in order. */
async function expectRow(name: string, titles: string[]) {
  const links = within(await screen.findByRole('list', { name })).getAllByRole('link');
  expect(links).toHaveLength(titles.length);
  titles.forEach((title, i) => expect(links[i]?.textContent).toContain(title));
}

describe('Home, signed out', () => {
  it('offers the two ways in and shows Trending and Top rated', async () => {
    mockFetch({
      'GET /api/recommendations/trending/': () => page([pick(1, 'Arrival', 'Trending: 6 ratings this week')]),
      'GET /api/recommendations/top-rated/': () => page([pick(2, 'Heat', 'Rated 4.4★ by 300 people')]),
    });
    renderWithApp(<HomeRoute />);

    expect(screen.getByRole('heading', { level: 1 }).textContent).toMatch(/movie/i);
    expect(screen.getByRole('link', { name: 'Browse as a MovieLens user' }).getAttribute('href')).toBe('/users');
    expect(screen.getByRole('link', { name: 'Start fresh' }).getAttribute('href')).toBe('/onboarding');
    await expectRow('Trending now', ['Arrival']);
    await expectRow('Top rated', ['Heat']);
    expect(screen.getByText('Rated 4.4★ by 300 people')).toBeTruthy();
  });
});

describe('Home, signed in', () => {
  const signInAs42 = () => signIn({ userId: 42, kind: 'movielens', movielensId: 42, readOnly: true, token: null });

  it('shows the top pick as the hero, then the personal rows and Trending', async () => {
    signInAs42();
    const { calls } = mockFetch({
      'GET /api/recommendations/for-you/': () =>
        page([
          pick(1, 'Arrival', 'Because you rated Contact 5★', ['Sci-Fi']),
          pick(2, 'Moon', 'Close to Solaris', ['Sci-Fi', 'Drama']),
        ]),
      'GET /api/recommendations/because-you-watched/': () => ({
        rows: [{ because: movie(9, 'Contact'), rating: 5, items: [pick(3, 'Sphere', 'Because you watched Contact')] }],
        source: { degraded: true, notice: 'Showing neighbours from the fallback index.', encoder: null, index: null },
      }),
      'GET /api/genres/': () => ({
        items: [
          { name: 'Drama', movie_count: 10 },
          { name: 'Sci-Fi', movie_count: 5 },
        ],
      }),
      // Arrival is in For You already: the genre row leaves it out.
      'GET /api/recommendations/by-genre/': (url) =>
        page([
          pick(1, 'Arrival', 'Picked for you'),
          pick(4, `Best of ${url.searchParams.get('genre')}`, 'Picked for you'),
        ]),
      'GET /api/recommendations/trending/': () => page([pick(5, 'Dune', 'Trending')]),
    });
    renderWithApp(<HomeRoute />);

    expect(screen.getByRole('status', { name: 'Loading your top pick' })).toBeTruthy();
    const hero = await screen.findByRole('region', { name: 'Arrival' });
    expect(within(hero).getByText('Because you rated Contact 5★')).toBeTruthy();
    expect(
      within(hero)
        .getByRole('link', { name: /More info/ })
        .getAttribute('href'),
    ).toBe('/movie/1001');

    await expectRow('For you', ['Arrival', 'Moon']);
    await expectRow('Because you watched Contact', ['Sphere']);
    expect(screen.getByText('Showing neighbours from the fallback index.')).toBeTruthy();
    // Both picks are Sci-Fi, so the genre row opens on it.
    await expectRow('Sci-Fi picks', ['Best of Sci-Fi']);
    expect(screen.getByRole('radio', { name: 'Sci-Fi' }).getAttribute('aria-checked')).toBe('true');
    await expectRow('Trending now', ['Dune']);

    const forYou = calls.find((c) => c.url.pathname === '/api/recommendations/for-you/');
    expect(Object.fromEntries(forYou!.url.searchParams)).toEqual({ user_id: '42', limit: '20' });

    await userEvent.click(screen.getByRole('radio', { name: 'Drama' }));
    await expectRow('Drama picks', ['Best of Drama']);
  });

  it('tells a user with no picks yet what to do', async () => {
    signInAs42();
    mockFetch({
      'GET /api/recommendations/for-you/': () => page([]),
      'GET /api/recommendations/because-you-watched/': () => ({ rows: [], source: page([]).source }),
      'GET /api/genres/': () => ({ items: [{ name: 'Drama', movie_count: 10 }] }),
      'GET /api/recommendations/by-genre/': () => page([]),
      'GET /api/recommendations/trending/': () => page([pick(5, 'Dune', 'Trending')]),
    });
    renderWithApp(<HomeRoute />);

    expect((await screen.findByRole('heading', { name: 'Your picks are on their way' })).tagName).toBe('H2');
    expect(screen.queryByRole('list', { name: 'For you' })).toBeNull();
    expect(await screen.findByText('No Drama picks for you yet.')).toBeTruthy();
  });
});
