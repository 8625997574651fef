/** A colour per genre, for generated posters and chips: the same movie always looks the same. */
import type { Schemas } from './api/client';

const GENRE_HUES: Record<Schemas['Genre'], number> = {
  Action: 8,
  Adventure: 28,
  Animation: 48,
  Children: 62,
  Comedy: 80,
  Crime: 0,
  Documentary: 180,
  Drama: 262,
  Fantasy: 290,
  'Film-Noir': 220,
  Horror: 350,
  IMAX: 200,
  Musical: 320,
  Mystery: 240,
  Romance: 335,
  'Sci-Fi': 190,
  Thriller: 15,
  War: 100,
  Western: 35,
};

function hashHue(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % 360;
}

export const genreHue = (genres: readonly string[], fallback = ''): number =>
  (GENRE_HUES as Record<string, number>)[genres[0] ?? ''] ?? hashHue(genres[0] ?? fallback);

/**
 * A generated poster's hue: its first genre's, nudged up to 30° either way by the title, so a row of
 * action movies is not one red. Still the same for the same movie everywhere.
 */
export const placeholderHue = (genres: readonly string[], title: string): number =>
  (genreHue(genres, title) + (hashHue(title) % 61) - 30 + 360) % 360;
