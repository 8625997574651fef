import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Movie } from '@/lib/api/client';
import { readSession, signIn } from '@/lib/session';
import { mockFetch, renderWithApp } from '@/testing/render';
import { Onboarding } from './onboarding';

const movie = (id: number, title: string): Movie => ({
  id,
  tmdb_id: 1000 + id,
  movielens_id: id,
  title,
  year: 1990 + id,
  genres: ['Comedy'],
  overview: null,
  poster_url: null,
  backdrop_url: null,
  vote_average: null,
  vote_count: null,
});

const TITLES = ['Heat', 'Alien', 'Fargo', 'Clue', 'Brazil', 'Tootsie', 'Arrival'];
const seeds = TITLES.map((title, i) => ({ ...movie(i + 1, title), score: 4, reason: 'Popular in Comedy' }));

function api(coldStart: () => unknown = () => ({ user: coldStartUser, token: 'secret-token' })) {
  return mockFetch({
    'GET /api/genres/': () => ({
      items: ['Comedy', 'Drama', 'Sci-Fi'].map((name) => ({ name, movie_count: 100 })),
    }),
    'GET /api/recommendations/seed-movies/': () => ({ items: seeds }),
    'POST /api/users/cold_start/': coldStart,
  });
}

const coldStartUser = {
  id: 42,
  kind: 'cold_start',
  movielens_id: null,
  preferred_genres: ['Comedy', 'Sci-Fi'],
  created_at: '2024-01-01T00:00:00.000Z',
  read_only: false,
};

const renderOnboarding = () => renderWithApp(<Onboarding />, { path: '/onboarding', route: '/onboarding' });

const submitButton = () => screen.getByRole('button', { name: 'Show my recommendations' });

/** Focus a movie's stars and press a digit, as a keyboard user would. */
async function rate(user: ReturnType<typeof userEvent.setup>, title: string, stars: number) {
  act(() => screen.getByRole('slider', { name: `Rate ${title}` }).focus());
  await user.keyboard(String(stars));
}

async function pickGenresAndContinue(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: /Sci-Fi/ }));
  await user.click(screen.getByRole('button', { name: /Comedy/ }));
  await user.click(screen.getByRole('button', { name: 'Next' }));
  await screen.findByRole('slider', { name: 'Rate Heat' });
}

describe('Onboarding', () => {
  it('needs a genre, then five ratings, then creates the user, signs in and goes home', async () => {
    const user = userEvent.setup();
    const { calls } = api();
    const { router } = renderOnboarding();

    const next = await screen.findByRole('button', { name: 'Next' });
    expect(next.hasAttribute('disabled')).toBe(true);
    const comedy = await screen.findByRole('button', { name: /Comedy/ });
    expect(comedy.getAttribute('aria-pressed')).toBe('false');
    await pickGenresAndContinue(user);
    expect(comedy.isConnected).toBe(false);

    const seedCall = calls.find((c) => c.url.pathname === '/api/recommendations/seed-movies/');
    expect(seedCall?.url.searchParams.get('genres')).toBe('Comedy,Sci-Fi');
    expect(screen.getByRole('heading', { name: 'Fargo' })).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();

    for (const [i, title] of TITLES.slice(0, 4).entries()) await rate(user, title, i + 1);
    expect(screen.getByText('4 of 5 rated')).toBeTruthy();
    expect(submitButton().hasAttribute('disabled')).toBe(true);
    await rate(user, 'Brazil', 5);
    expect(submitButton().hasAttribute('disabled')).toBe(false);

    await user.click(submitButton());
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({
      genres: ['Comedy', 'Sci-Fi'],
      ratings: [
        { tmdb_id: 1001, rating: 1 },
        { tmdb_id: 1002, rating: 2 },
        { tmdb_id: 1003, rating: 3 },
        { tmdb_id: 1004, rating: 4 },
        { tmdb_id: 1005, rating: 5 },
      ],
    });
    expect(JSON.parse(localStorage.getItem('movierec.session') ?? '{}')).toMatchObject({
      userId: 42,
      kind: 'cold_start',
      token: 'secret-token',
    });
  });

  it("shows the API's message when the user cannot be created, and keeps the ratings", async () => {
    const user = userEvent.setup();
    const refusal = () =>
      Response.json(
        { error: { code: 'unprocessable', message: 'ratings: movie 3 is rated more than once' } },
        { status: 422 },
      );
    api(refusal);
    const { router } = renderOnboarding();
    await pickGenresAndContinue(user);
    for (const title of TITLES.slice(0, 5)) await rate(user, title, 4);

    await user.click(submitButton());
    expect((await screen.findByRole('alert')).textContent).toContain('ratings: movie 3 is rated more than once');
    expect(router.state.location.pathname).toBe('/onboarding');
    expect(screen.getByText('5 rated: ready when you are')).toBeTruthy();
    expect(screen.getByRole('slider', { name: 'Rate Heat' }).getAttribute('aria-valuenow')).toBe('4');
    expect(readSession()).toBeNull();
  });

  it('keeps the ratings when going back to the genres', async () => {
    const user = userEvent.setup();
    api();
    renderOnboarding();
    await pickGenresAndContinue(user);
    await rate(user, 'Alien', 3);
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(document.activeElement?.textContent).toBe('What do you like to watch?');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect((await screen.findByRole('slider', { name: 'Rate Alien' })).getAttribute('aria-valuenow')).toBe('3');
    expect(screen.getByText('1 of 5 rated')).toBeTruthy();
  });

  it('offers a signed-in user to sign out and start fresh', async () => {
    const user = userEvent.setup();
    signIn({ userId: 7, kind: 'movielens', movielensId: 7, readOnly: true, token: null });
    api();
    renderOnboarding();
    expect(screen.getByRole('heading', { name: 'You are already signed in' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Sign out and start fresh' }));
    expect(readSession()).toBeNull();
    expect(await screen.findByRole('heading', { name: 'What do you like to watch?' })).toBeTruthy();
  });
});
