/**
 * Which ratings a Trending snapshot looks at.
 *
 * The window ends at the newest rating in the database, not at "now": MovieLens releases end years
 * ago (ml-latest-small in 2018), so a window ending today would hold no rating at all. Anchoring at
 * the data also makes a refresh reproducible (the same ratings give the same list, whenever it
 * runs), and on live data, where new ratings arrive every day, the newest rating is "now" anyway.
 *
 * When the window holds fewer than `size` movies with `minRatings` ratings (a quiet period, or a
 * handful of fresh ratings after years of silence), it is doubled until it does, or until it reaches
 * back to the oldest rating. The half-life stays as given, so recent activity still dominates and
 * the older ratings the wider window adds mostly fill the list's tail.
 */
import type { TrendingOptions } from './trending-options.js';

const DAY_MS = 86_400_000;

export interface RatingTimeRange {
  oldest: Date;
  newest: Date;
}

export interface TrendingWindow {
  start: Date;
  end: Date;
  /** The length used: `windowDays`, or a widened multiple of it. */
  days: number;
}

/** Window lengths to try, shortest first: `windowDays` doubled until one covers `range`. */
export function candidateWindowDays(range: RatingTimeRange, windowDays: number): number[] {
  const spanDays = (range.newest.getTime() - range.oldest.getTime()) / DAY_MS;
  const candidates = [windowDays];
  while ((candidates.at(-1) as number) < spanDays) candidates.push(2 * (candidates.at(-1) as number));
  return candidates;
}

export function windowOf(range: RatingTimeRange, days: number): TrendingWindow {
  return { start: new Date(range.newest.getTime() - days * DAY_MS), end: range.newest, days };
}

/**
 * The shortest candidate window holding at least `size` eligible movies, else the widest.
 * `eligibleMovies(start)` counts movies with `minRatings` ratings from `start` on.
 */
export async function chooseTrendingWindow(
  range: RatingTimeRange,
  options: Pick<TrendingOptions, 'windowDays' | 'size'>,
  eligibleMovies: (start: Date) => Promise<number>,
): Promise<TrendingWindow> {
  const candidates = candidateWindowDays(range, options.windowDays);
  for (const days of candidates.slice(0, -1)) {
    const window = windowOf(range, days);
    if ((await eligibleMovies(window.start)) >= options.size) return window;
  }
  return windowOf(range, candidates.at(-1) as number);
}
