/**
 * The user's picks inside one genre, chosen with chips. Until the user picks one, the row shows the
 * genre their For You picks share most (else the catalogue's first), so it opens on something they like.
 */
import { useState } from 'react';
import type { Recommendation } from '@/lib/api/client';
import { MovieRow } from '@/components/ui/movie-row';
import { useByGenre } from '../api/get-by-genre';
import { useForYou } from '../api/get-for-you';
import { useGenreNames, type Genre } from '@/lib/api/genres';
import { GenreChips } from './genre-chips';
import { rowState, toRowItems } from './recommendation-row';

const ROW_LENGTH = 20;

/**
 * The genre's picks that For You does not already show: in the genre a user likes best the two lists
 * are mostly the same movies, and a second row of them tells nobody anything new.
 */
function beyondForYou(picks: readonly Recommendation[], forYou: readonly Recommendation[] = []) {
  const shown = new Set(forYou.map((movie) => movie.id));
  return picks.filter((movie) => !shown.has(movie.id)).slice(0, ROW_LENGTH);
}

/** The genre most of the picks have, among those the catalogue lists; ties go to the earlier pick. */
function favouriteGenre(picks: readonly Recommendation[], genres: readonly Genre[]): Genre | undefined {
  const counts = new Map<Genre, number>();
  for (const pick of picks)
    for (const genre of pick.genres as Genre[])
      if (genres.includes(genre)) counts.set(genre, (counts.get(genre) ?? 0) + 1);
  let best: Genre | undefined;
  for (const [genre, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = genre;
  return best ?? genres[0];
}

export function ByGenreRow({ userId }: { userId: number }) {
  const genres = useGenreNames();
  const forYou = useForYou(userId);
  const [picked, setPicked] = useState<Genre | undefined>();
  // A failed For You still gets a row: the catalogue's first genre.
  const settled = genres.data && !forYou.isPending;
  const genre = picked ?? (settled ? favouriteGenre(forYou.data?.items ?? [], genres.data) : undefined);
  const query = useByGenre(userId, genre);
  // Without the genre list there are no chips and no default: the row shows that error instead.
  const genresFailed = genres.error ? { error: genres.error, onRetry: () => void genres.refetch() } : {};

  return (
    <MovieRow
      title={genre ? `Your ${genre} picks` : 'By genre'}
      label={genre ? `${genre} picks` : 'By genre'}
      {...rowState(query)}
      items={query.data && toRowItems(beyondForYou(query.data.items, forYou.data?.items))}
      {...genresFailed}
      empty={`No ${genre} picks for you yet.`}
      actions={genres.data && <GenreChips genres={genres.data} value={genre} onChange={setPicked} />}
    />
  );
}
