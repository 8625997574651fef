/**
 * A poster or backdrop from TMDB's CDN at sizes fitted to the slot (srcset), or a generated
 * placeholder (title, year, a colour from the genre) when there is no URL or the image fails to load.
 * The box keeps its aspect ratio either way, so nothing shifts when an image arrives or fails.
 */
import { useState } from 'react';
import type { Movie } from '@/lib/api/client';
import { placeholderHue } from '@/lib/genre-colors';
import { cn } from '@/lib/cn';

const WIDTHS = { poster: [185, 342, 500, 780], backdrop: [300, 780, 1280] } as const;
const TMDB_SIZE = /\/t\/p\/(w\d+|original)\//;

/** What an image of a movie needs: its URLs, and what the placeholder draws from. */
export type PicturedMovie = Pick<Movie, 'title' | 'year' | 'genres' | 'poster_url' | 'backdrop_url'>;

export interface MovieImageProps {
  kind: 'poster' | 'backdrop';
  movie: PicturedMovie;
  /** The slot's width, as the `sizes` attribute takes it ("(min-width: 640px) 12rem, 40vw"). */
  sizes: string;
  /** Empty when the title is written beside the image (a card): screen readers hear it once. */
  alt?: string;
  eager?: boolean;
  className?: string;
}

export function srcSet(url: string, kind: MovieImageProps['kind']): string | undefined {
  if (!TMDB_SIZE.test(url)) return undefined;
  return WIDTHS[kind].map((w) => `${url.replace(TMDB_SIZE, `/t/p/w${w}/`)} ${w}w`).join(', ');
}

export function MovieImage({ kind, movie, sizes, alt = '', eager, className }: MovieImageProps) {
  const url = kind === 'poster' ? movie.poster_url : movie.backdrop_url;
  const [settled, setSettled] = useState<{ url: string; loaded: boolean } | null>(null);
  const failed = !url || (settled?.url === url && !settled.loaded);
  const loaded = settled?.url === url && settled.loaded;
  const box = cn('relative overflow-hidden', kind === 'poster' ? 'aspect-[2/3]' : 'aspect-video', className);
  // The placeholder shows until the image has loaded (and stays if it fails), so a slow or
  // unreachable CDN shows titles, not grey boxes. Only one of the two is announced.
  return (
    <div className={box}>
      {!loaded && <Placeholder kind={kind} movie={movie} alt={failed ? alt : ''} />}
      {url && !failed && (
        <img
          src={url}
          srcSet={srcSet(url, kind)}
          sizes={sizes}
          alt={alt}
          loading={eager ? 'eager' : 'lazy'}
          decoding="async"
          onLoad={() => setSettled({ url, loaded: true })}
          onError={() => setSettled({ url, loaded: false })}
          className={cn('absolute inset-0 h-full w-full object-cover transition-opacity', !loaded && 'opacity-0')}
        />
      )}
    </div>
  );
}

function Placeholder({ kind, movie: { title, year, genres }, alt }: Pick<MovieImageProps, 'kind' | 'movie' | 'alt'>) {
  const hue = placeholderHue(genres, title);
  const background = `linear-gradient(160deg, oklch(0.55 0.14 ${hue}), oklch(0.28 0.08 ${(hue + 40) % 360}))`;
  const label = alt ? { role: 'img', 'aria-label': alt } : { 'aria-hidden': true };
  return (
    // A container, so the caption scales with the slot: a 4rem favourite fits its title as a hero does.
    <div {...label} data-placeholder="" className="@container absolute inset-0 text-white" style={{ background }}>
      <div className="absolute inset-0 flex flex-col justify-end p-[min(0.75rem,8cqi)]">
        <span
          className={cn(
            'font-semibold leading-tight drop-shadow hyphens-auto [overflow-wrap:anywhere]',
            kind === 'poster'
              ? 'line-clamp-4 text-[clamp(0.5rem,11cqi,0.875rem)]'
              : 'text-[clamp(0.75rem,5cqi,1.5rem)]',
          )}
        >
          {title}
        </span>
        {year && <span className="mt-[min(0.25rem,2cqi)] text-[clamp(0.45rem,9cqi,0.75rem)] opacity-80">{year}</span>}
      </div>
    </div>
  );
}
