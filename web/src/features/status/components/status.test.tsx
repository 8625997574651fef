import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockFetch, renderWithApp } from '@/testing/render';
import type { Status } from '../api/get-status';
import { StatusBadge } from './status-badge';
import { StatusReport } from './status-report';

const backend = { role: 'primary', reachable: true, detail: null };
const healthy: Status = {
  status: 'ok',
  database: { ...backend, name: 'postgres', counts: { movies: 9742, users: 610, ratings: 100836 } },
  vector_index: [{ ...backend, name: 'qdrant', points: 9742 }],
  encoder: [
    { ...backend, name: 'tf-serving' },
    { ...backend, name: 'weighted-average', role: 'last resort' },
  ],
  metadata: [{ ...backend, name: 'tmdb', detail: 'api.themoviedb.org' }],
};
const degraded: Status = {
  ...healthy,
  status: 'degraded',
  vector_index: [{ ...backend, name: 'qdrant', reachable: false, points: null, detail: 'connect ECONNREFUSED' }],
};

const answer = (status: Status | Response) => mockFetch({ 'GET /api/status/': () => status });

describe('StatusBadge', () => {
  it.each([
    ['All systems normal', healthy],
    ['Degraded', degraded],
  ] as const)('says "%s" and links to the status page', async (text, status) => {
    answer(status);
    renderWithApp(<StatusBadge />);
    const link = await screen.findByRole('link', { name: `Service status: ${text}` });
    expect(link.getAttribute('href')).toBe('/status');
  });

  it('says the API is unreachable when the request fails', async () => {
    mockFetch({
      'GET /api/status/': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    renderWithApp(<StatusBadge />);
    expect(await screen.findByRole('link', { name: 'Service status: API unreachable' })).toBeTruthy();
  });
});

describe('StatusReport', () => {
  it('lists every backend with its role, reachability in words and its counts', async () => {
    answer(degraded);
    renderWithApp(<StatusReport />);
    const qdrant = (await screen.findByRole('heading', { name: 'qdrant' })).closest('article')!;
    expect(qdrant.textContent).toContain('✗ Unreachable');
    expect(qdrant.textContent).toContain('connect ECONNREFUSED');
    const postgres = screen.getByRole('heading', { name: 'postgres' }).closest('article')!;
    expect(postgres.textContent).toContain('✓ Reachable');
    expect(within(postgres).getByText('100,836')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'weighted-average' }).closest('article')!.textContent).toContain(
      'last resort',
    );
    expect(screen.getByText('Degraded')).toBeTruthy();
  });

  it('asks again on Refresh', async () => {
    const user = userEvent.setup();
    const { fetchMock } = answer(healthy);
    renderWithApp(<StatusReport />);
    await screen.findByText('All systems normal');
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
  });
});
