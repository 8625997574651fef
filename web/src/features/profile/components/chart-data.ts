/**
 * The statistics shaped for the charts, and each chart's text alternative. No recharts here: this
 * module is in the profile's first load, the charts are not.
 */
import { countOf } from '@/lib/format';
import type { UserStatistics } from '../api/get-user-statistics';

export type Distribution = UserStatistics['distribution'];
export type TopGenres = UserStatistics['top_genres'];
export interface MonthCount {
  month: string;
  count: number;
}

const monthFormat = new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const average = new Intl.NumberFormat('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** "2018-09" → "Sep 2018". */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return monthFormat.format(Date.UTC(year ?? 1970, (m ?? 1) - 1));
}

export const starsLabel = (rating: number) => countOf(rating, 'star');
export const formatAverage = (value: number) => average.format(value);

/** "2018-12" shifted by one → "2019-01". */
function shiftMonth(month: string, by: number): string {
  const [year = 1970, m = 1] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year, m - 1 + by, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Every month from the first to the last, quiet ones at zero, so the time axis does not skip gaps. */
export function fillMonths(activity: readonly MonthCount[]): MonthCount[] {
  const sorted = [...activity].sort((a, b) => a.month.localeCompare(b.month));
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return [];
  const counts = new Map(sorted.map((a) => [a.month, a.count]));
  const months: MonthCount[] = [];
  for (let month = first.month; month <= last.month; month = shiftMonth(month, 1))
    months.push({ month, count: counts.get(month) ?? 0 });
  return months;
}

/** Quiet months before a short history, so a new user's first month reads as a start, not a lone dot. */
export function padMonths(months: readonly MonthCount[], atLeast: number): MonthCount[] {
  const padded = [...months];
  while (padded.length > 0 && padded.length < atLeast)
    padded.unshift({ month: shiftMonth(padded[0]!.month, -1), count: 0 });
  return padded;
}

const most = <T extends { count: number }>(items: readonly T[]): T | undefined =>
  items.reduce<T | undefined>((best, item) => (best && best.count >= item.count ? best : item), undefined);

export function distributionSummary(distribution: Distribution): string {
  const top = most(distribution);
  if (!top) return 'No ratings yet.';
  const counts = distribution.map((d) => `${starsLabel(d.rating)}: ${d.count}`).join(', ');
  return `Most often ${starsLabel(top.rating)} (${top.count} ratings). ${counts}.`;
}

export function genresSummary(genres: TopGenres): string {
  if (genres.length === 0) return 'No genres yet.';
  const list = genres.map((g) => `${g.genre}: ${g.count} ratings, average ${formatAverage(g.average_rating)} stars`);
  return `Most rated genres: ${list.join('; ')}.`;
}

export function activitySummary(months: readonly MonthCount[]): string {
  const busiest = most(months);
  const first = months[0];
  const last = months.at(-1);
  if (!busiest || !first || !last) return 'No ratings yet.';
  const total = months.reduce((sum, m) => sum + m.count, 0);
  if (months.length === 1) return `All ${total} ratings in ${monthLabel(first.month)}.`;
  return (
    `${total} ratings from ${monthLabel(first.month)} to ${monthLabel(last.month)}; ` +
    `the busiest month was ${monthLabel(busiest.month)} with ${busiest.count}.`
  );
}
