import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { signIn } from '@/lib/session';
import { mockFetch, renderWithApp } from '@/testing/render';
import type { UserStatistics } from '../api/get-user-statistics';
import { Profile } from './profile';

// The charts module (recharts) loads only when this gate opens: the page must not wait for it.
const chartsModule = vi.hoisted(() => {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
});
vi.mock('./charts', async (importOriginal) => {
  await chartsModule.opened;
  return importOriginal();
});

const statistics: UserStatistics = {
  user: {
    id: 1,
    kind: 'movielens',
    movielens_id: 1,
    preferred_genres: [],
    created_at: '2024-01-01T00:00:00.000Z',
    read_only: true,
  },
  rating_count: 232,
  average_rating: 4.366,
  first_rated_at: '2000-07-30T18:08:19.000Z',
  last_rated_at: '2000-09-08T07:27:42.000Z',
  distribution: [
    { rating: 3, count: 26 },
    { rating: 4, count: 76 },
    { rating: 5, count: 130 },
  ],
  top_genres: [
    { genre: 'Action', count: 90, average_rating: 4.32 },
    { genre: 'Drama', count: 68, average_rating: 4.53 },
  ],
  activity: [
    { month: '2000-07', count: 200 },
    { month: '2000-09', count: 32 },
  ],
};

const summaryValue = (label: string) => screen.getByText(label).nextElementSibling?.textContent;

describe('Profile', () => {
  it('shows the summary at once and the charts once their module has loaded', async () => {
    signIn({ userId: 1, kind: 'movielens', movielensId: 1, readOnly: true, token: null });
    mockFetch({ 'GET /api/users/1/statistics/': () => statistics });
    const { container } = renderWithApp(<Profile />);

    expect(await screen.findByRole('heading', { level: 1, name: 'MovieLens user 1' })).toBeTruthy();
    await screen.findByText('232');
    expect(summaryValue('Average rating')).toBe('4.4 ★');
    expect(summaryValue('First rated')).toBe('Jul 30, 2000');
    expect(summaryValue('Last rated')).toBe('Sep 8, 2000');

    for (const name of ['Rating distribution', 'Top genres', 'Ratings over time'])
      expect(screen.getByRole('heading', { level: 2, name })).toBeTruthy();
    const images = screen.getAllByRole('img');
    expect(images.map((i) => i.getAttribute('aria-label'))).toEqual([
      'Most often 5 stars (130 ratings). 3 stars: 26, 4 stars: 76, 5 stars: 130.',
      'Most rated genres: Action: 90 ratings, average 4.3 stars; Drama: 68 ratings, average 4.5 stars.',
      '232 ratings from Jul 2000 to Sep 2000; the busiest month was Jul 2000 with 200.',
    ]);
    expect(container.querySelector('.recharts-responsive-container')).toBeNull();

    chartsModule.open();
    // Recharts loads here for the first time: over a second when the other test projects share the cores.
    await waitFor(() => expect(container.querySelectorAll('.recharts-responsive-container')).toHaveLength(3), {
      timeout: 10_000,
    });
  });

  it('asks a visitor to sign in', () => {
    renderWithApp(<Profile />);
    expect(screen.getByRole('link', { name: 'Sign in as a MovieLens user' }).getAttribute('href')).toBe('/users');
  });
});
