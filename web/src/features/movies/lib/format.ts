import { countOf } from '@/lib/format';
/** "1 h 21 min", "2 h", "45 min". */
export function formatRuntime(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "7.9 · 19,339 votes", or null when TMDB has no votes for it. */
export function formatVotes(average: number | null, votes: number | null): string | null {
  if (average === null || !votes) return null;
  return `${average.toFixed(1)} · ${countOf(votes, 'vote')}`;
}
