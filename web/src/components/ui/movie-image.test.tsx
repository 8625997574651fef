import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MovieImage, type MovieImageProps } from './movie-image';

const POSTER = 'https://image.tmdb.org/t/p/w342/heat.jpg';

type ImageOptions = Partial<Omit<MovieImageProps, 'movie'>> & { url?: string | null };

/** Heat, with `url` as its poster (or backdrop, for kind="backdrop"). */
const renderImage = ({ url = POSTER, ...props }: ImageOptions = {}) => {
  const movie = { title: 'Heat', year: 1995, genres: ['Crime'], poster_url: url, backdrop_url: url };
  return render(<MovieImage kind="poster" movie={movie} sizes="10rem" {...props} />);
};

const placeholder = (container: HTMLElement) => container.querySelector('[data-placeholder]');

describe('MovieImage', () => {
  it('draws a placeholder with the title and year when there is no image', () => {
    const { container } = renderImage({ url: null });
    expect(container.querySelector('img')).toBeNull();
    expect(placeholder(container)?.textContent).toBe('Heat1995');
  });

  it('replaces an image that fails to load with the placeholder', () => {
    const { container } = renderImage();
    const img = container.querySelector('img');
    expect(img?.getAttribute('src')).toBe(POSTER);
    fireEvent.error(img!);
    expect(container.querySelector('img')).toBeNull();
    expect(placeholder(container)?.textContent).toContain('Heat');
  });

  it('offers TMDB widths fitted to the slot', () => {
    const { container } = renderImage();
    const img = container.querySelector('img');
    expect(img?.getAttribute('srcset')).toBe(
      [185, 342, 500, 780].map((w) => `https://image.tmdb.org/t/p/w${w}/heat.jpg ${w}w`).join(', '),
    );
    expect(img?.getAttribute('sizes')).toBe('10rem');
  });

  it('sets no srcset for a URL that is not on the TMDB CDN', () => {
    const { container } = renderImage({ url: 'https://example.org/heat.jpg' });
    expect(container.querySelector('img')?.hasAttribute('srcset')).toBe(false);
  });

  it('keeps the aspect ratio with an image and with the placeholder', () => {
    const withImage = renderImage();
    expect(withImage.container.firstElementChild?.className).toContain('aspect-[2/3]');
    const backdrop = renderImage({ kind: 'backdrop', url: null });
    expect(backdrop.container.firstElementChild?.className).toContain('aspect-video');
  });

  it('shows the placeholder while the image loads, and only the image once it has', () => {
    const { container } = renderImage({ alt: 'Heat poster' });
    expect(placeholder(container)?.getAttribute('aria-hidden')).toBe('true');
    fireEvent.load(container.querySelector('img')!);
    expect(placeholder(container)).toBeNull();
    expect(container.querySelector('img')?.getAttribute('alt')).toBe('Heat poster');
  });

  it('is decorative unless given alt text', () => {
    const decorative = renderImage({ url: null });
    expect(placeholder(decorative.container)?.getAttribute('aria-hidden')).toBe('true');
    const named = renderImage({ url: null, alt: 'Heat poster' });
    expect(placeholder(named.container)?.getAttribute('aria-label')).toBe('Heat poster');
  });
});
