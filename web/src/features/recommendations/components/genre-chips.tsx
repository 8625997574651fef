/** One genre at a time, as chips: a Radix toggle group (one tab stop, arrows move between chips). */
import { useEffect, useRef } from 'react';
import { ToggleGroup } from 'radix-ui';
import type { Genre } from '@/lib/api/genres';

interface GenreChipsProps {
  genres: readonly Genre[];
  value: Genre | undefined;
  onChange: (genre: Genre) => void;
}

export function GenreChips({ genres, value, onChange }: GenreChipsProps) {
  const strip = useRef<HTMLDivElement>(null);
  useEffect(() => revealChosen(strip.current), [value]);
  return (
    <ToggleGroup.Root
      ref={strip}
      type="single"
      aria-label="Genre"
      value={value ?? ''}
      // Clicking the chosen chip again would clear the choice; the row always shows one genre.
      onValueChange={(next) => next && onChange(next as Genre)}
      className="scrollbar-none relative order-last -mx-1 flex w-full gap-2 overflow-x-auto px-1 py-1"
    >
      {genres.map((genre) => (
        <ToggleGroup.Item
          key={genre}
          value={genre}
          className="shrink-0 rounded-full px-3 py-1 text-sm font-medium ring-1 ring-zinc-300 hover:bg-zinc-100 data-[state=on]:bg-accent-strong data-[state=on]:text-white data-[state=on]:ring-accent-strong dark:ring-zinc-700 dark:hover:bg-zinc-800 dark:data-[state=on]:ring-accent-strong"
        >
          {genre}
        </ToggleGroup.Item>
      ))}
    </ToggleGroup.Root>
  );
}

/**
 * Scrolls the strip (only the strip, never the page) so the chosen chip shows: the default genre may
 * be far along the list, off screen on a phone.
 */
function revealChosen(strip: HTMLElement | null) {
  const chip = strip?.querySelector<HTMLElement>('[data-state="on"]');
  if (!strip || !chip) return;
  const hidden =
    chip.offsetLeft < strip.scrollLeft || chip.offsetLeft + chip.offsetWidth > strip.scrollLeft + strip.clientWidth;
  if (hidden) strip.scrollLeft = chip.offsetLeft - strip.clientWidth / 3;
}
