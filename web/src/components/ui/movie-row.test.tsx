import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Movie } from '@/lib/api/client';
import { renderWithApp } from '@/testing/render';
import { MovieRow, type MovieRowProps } from './movie-row';

const movie = (id: number, title: string, tmdbId: number | null = id + 1000): Movie => ({
  id,
  tmdb_id: tmdbId,
  movielens_id: id,
  title,
  year: 1995,
  genres: ['Crime'],
  overview: null,
  poster_url: null,
  backdrop_url: null,
  vote_average: null,
  vote_count: null,
});

const items = [
  { movie: movie(1, 'Heat', 949), reason: 'Because you watched Ronin' },
  { movie: movie(2, 'Casino', 524), reason: null },
];

const renderRow = (props: Partial<MovieRowProps>) =>
  renderWithApp(<MovieRow title="For you" label="For you" items={items} {...props} />);

describe('MovieRow', () => {
  it('shows a card per movie, each a link to its page', () => {
    renderRow({});
    const strip = screen.getByRole('list', { name: 'For you' });
    const links = within(strip).getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['/movie/949', '/movie/524']);
    expect(links[0]?.textContent).toContain('Heat');
    expect(links[1]?.textContent).toContain('Casino');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('For you');
  });

  it('shows why a movie was picked and reads it out with the link', () => {
    renderRow({});
    const reason = screen.getByText('Because you watched Ronin');
    const link = screen.getByRole('link', { name: /Heat/ });
    expect(link.getAttribute('aria-describedby')).toBe(reason.id);
  });

  it('shows a movie without a TMDB id as a card that links nowhere', () => {
    renderRow({ items: [{ movie: movie(3, 'Obscure short', null) }] });
    expect(screen.getByText('Obscure short', { selector: 'p' })).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('shows skeleton cards while loading', () => {
    renderRow({ items: undefined, isLoading: true });
    const loading = screen.getByRole('status', { name: 'Loading For you' });
    expect(loading.getAttribute('aria-busy')).toBe('true');
    expect(loading.children.length).toBeGreaterThan(0);
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('shows an error whose Retry calls onRetry', () => {
    const onRetry = vi.fn();
    renderRow({ items: undefined, error: new Error('The server cannot be reached.'), onRetry });
    expect(screen.getByRole('alert').textContent).toContain('The server cannot be reached.');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('says so, beside the movies, when a fallback served the list', () => {
    renderRow({ notice: 'Personal picks are unavailable; showing popular movies.' });
    expect(screen.getByText('Personal picks are unavailable; showing popular movies.')).toBeTruthy();
    expect(screen.getAllByRole('link')).toHaveLength(2);
  });

  it('shows the empty message for an empty list', () => {
    renderRow({ items: [], empty: 'Rate a few movies first.' });
    expect(screen.getByText('Rate a few movies first.')).toBeTruthy();
  });

  it('makes the strip one named tab stop, scrolled by its buttons', () => {
    renderRow({});
    const strip = screen.getByRole('list', { name: 'For you' });
    expect(strip.tabIndex).toBe(0);
    strip.focus();
    expect(document.activeElement).toBe(strip);
    const scrollBy = vi.fn();
    strip.scrollBy = scrollBy;
    fireEvent.click(screen.getByRole('button', { name: 'Scroll For you right' }));
    expect(scrollBy).toHaveBeenCalledWith(expect.objectContaining({ behavior: 'smooth' }));
  });
});
