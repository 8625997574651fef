import { useQuery } from '@tanstack/react-query';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { api, unwrap, type Schemas } from '@/lib/api/client';
import { queryKeys } from '@/lib/query-keys';
import { signIn, type Session } from '@/lib/session';
import { notify } from '@/lib/toast';
import { mockFetch, renderWithApp } from '@/testing/render';
import { MovieRating } from './movie-rating';

vi.mock('@/lib/toast', async (importOriginal) => ({ ...(await importOriginal()), notify: vi.fn() }));

const USER = 7;
const COLD_START: Session = { userId: USER, kind: 'cold_start', movielensId: null, readOnly: false, token: 'secret' };
const MOVIELENS: Session = { userId: USER, kind: 'movielens', movielensId: 12, readOnly: true, token: null };

const heat = (user_rating: number | null): Schemas['MovieDetails'] => ({
  id: 6,
  tmdb_id: 949,
  movielens_id: 6,
  title: 'Heat',
  year: 1995,
  genres: ['Crime'],
  overview: null,
  poster_url: null,
  backdrop_url: null,
  vote_average: 7.9,
  vote_count: 7000,
  imdb_id: null,
  keywords: [],
  metadata_source: 'snapshot',
  popularity: null,
  runtime: 170,
  tagline: null,
  user_rating,
});

/** The movie page's wiring: the stars show the movie query's user_rating. */
function MoviePage() {
  const userId = USER;
  const { data } = useQuery({
    queryKey: queryKeys.movie(949, userId),
    queryFn: () =>
      unwrap(api.GET('/api/movies/{tmdb_id}/', { params: { path: { tmdb_id: 949 }, query: { user_id: userId } } })),
  });
  return data ? <MovieRating movie={data} value={data.user_rating} /> : null;
}

function setup(session: Session | null, rate: () => unknown = () => ({})) {
  if (session) signIn(session);
  const { calls, fetchMock } = mockFetch({
    'GET /api/movies/949/': () => heat(3),
    'POST /api/users/7/rate/': rate,
  });
  return { calls, fetchMock, user: userEvent.setup(), ...renderWithApp(<MoviePage />) };
}

const slider = () => screen.findByRole('slider', { name: 'Your rating of Heat' });

describe('MovieRating', () => {
  it('asks a visitor to sign in or start fresh', async () => {
    setup(null);
    expect((await screen.findByRole('link', { name: 'Sign in' })).getAttribute('href')).toBe('/users');
    expect(screen.getByRole('link', { name: 'start fresh' }).getAttribute('href')).toBe('/onboarding');
    expect(screen.queryByRole('slider')).toBeNull();
  });

  it("shows a MovieLens user's rating, disabled, and why", async () => {
    setup(MOVIELENS);
    const stars = await slider();
    expect(stars.getAttribute('aria-disabled')).toBe('true');
    expect(stars.getAttribute('aria-valuenow')).toBe('3');
    expect(screen.getByText(/MovieLens users are read-only here/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Start fresh' }).getAttribute('href')).toBe('/onboarding');
  });

  it('moves the stars at once and saves the rating with the token', async () => {
    let answer: (body: unknown) => void = () => {};
    const { calls, fetchMock, user, queryClient } = setup(
      COLD_START,
      () => new Promise((resolve) => (answer = resolve)),
    );
    const stars = await slider();
    queryClient.setQueryData(queryKeys.recommendations(USER, 'for-you'), { items: [] });

    stars.focus();
    await user.keyboard('4');
    expect(stars.getAttribute('aria-valuenow')).toBe('4');
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ tmdb_id: 949, rating: 4 });
    const request = fetchMock.mock.calls
      .map(([input]) => input)
      .find((r) => r instanceof Request && r.method === 'POST');
    expect((request as Request).headers.get('authorization')).toBe('Bearer secret');

    answer({ created: true, movie: heat(4), rated_at: '2026-01-01T00:00:00.000Z', rating: 4, user_id: USER });
    // Settled: the lists that depend on the user's ratings are stale.
    await waitFor(() =>
      expect(queryClient.getQueryState(queryKeys.recommendations(USER, 'for-you'))?.isInvalidated).toBe(true),
    );
    expect(stars.getAttribute('aria-valuenow')).toBe('4');
  });

  it('puts the stars back and says so when the rating is refused', async () => {
    const refused = () =>
      Response.json({ error: { code: 'forbidden', message: 'Not your profile.' } }, { status: 403 });
    const { user } = setup(COLD_START, refused);
    const stars = await slider();

    stars.focus();
    await user.keyboard('{End}');
    await waitFor(() => expect(notify).toHaveBeenCalledWith('Your rating was not saved', 'Not your profile.'));
    expect(stars.getAttribute('aria-valuenow')).toBe('3');
  });
});
