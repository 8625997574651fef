/** One MovieLens user to browse as: how much they rated, what sets their taste apart, what they loved. */
import { useId, type CSSProperties } from 'react';
import type { Schemas } from '@/lib/api/client';
import { MovieImage } from '@/components/ui/movie-image';
import { genreHue } from '@/lib/genre-colors';
import { buttonClass } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { countOf, formatList } from '@/lib/format';

export type UserSummary = Schemas['UserSummary'];

/** The number people know a MovieLens user by (their MovieLens id), else ours. */
export const userNumber = (user: UserSummary): number => user.movielens_id ?? user.id;

export function UserCard({ user, onBrowse }: { user: UserSummary; onBrowse: (user: UserSummary) => void }) {
  const headingId = useId();
  const n = userNumber(user);
  return (
    <article
      aria-labelledby={headingId}
      className="group flex h-full flex-col rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800"
    >
      <div className="flex items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">
          User {n}
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{countOf(user.rating_count, 'rating')}</p>
      </div>
      <GenreTags genres={user.top_genres} />
      <FavouritePosters movies={user.favorite_movies} />
      <button
        type="button"
        onClick={() => onBrowse(user)}
        // Twenty cards a page: a quiet button each, lit by the card under the pointer, not a wall of red.
        className={cn(
          buttonClass('secondary'),
          'mt-auto w-full group-hover:bg-accent-strong group-hover:text-white group-hover:ring-accent-strong',
        )}
      >
        Browse as user {n}
      </button>
    </article>
  );
}

function GenreTags({ genres }: { genres: readonly string[] }) {
  if (genres.length === 0) return null;
  return (
    <ul aria-label="Top genres" className="mt-2 flex flex-wrap gap-1.5">
      {genres.map((genre) => (
        <li
          key={genre}
          // The genre's own hue, light or dark with the theme: the same genre looks the same on every card.
          style={{ '--hue': genreHue([genre]) } as CSSProperties}
          className="rounded-full bg-[oklch(0.94_0.05_var(--hue))] px-2.5 py-0.5 text-xs font-medium text-[oklch(0.35_0.1_var(--hue))] dark:bg-[oklch(0.32_0.07_var(--hue))] dark:text-[oklch(0.92_0.05_var(--hue))]"
        >
          {genre}
        </li>
      ))}
    </ul>
  );
}

/** Decorative posters (alt=""); their titles are read out once, as text. */
function FavouritePosters({ movies }: { movies: readonly Schemas['Movie'][] }) {
  if (movies.length === 0) return <div className="mb-4" />;
  return (
    <div className="mt-4 mb-4">
      <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        Favourites<span className="sr-only">: {formatList(movies.map((m) => m.title))}</span>
      </p>
      <div className="mt-1.5 grid grid-cols-4 gap-2">
        {movies.map((movie) => (
          <MovieImage
            key={movie.id}
            kind="poster"
            movie={movie}
            sizes="5rem"
            alt=""
            className="rounded-md ring-1 ring-black/5 dark:ring-white/10"
          />
        ))}
      </div>
    </div>
  );
}
