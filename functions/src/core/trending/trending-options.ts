/**
 * The Trending policy: which ratings count, how much, and how many movies a snapshot keeps. The
 * database computes the decayed sums (adapters/postgres/repositories/trending.repository.ts); these
 * are its parameters.
 *
 * score(movie) = Σ over its ratings in the window of weight(rating) · 0.5^(age_days / halfLifeDays),
 * where age is measured from the window's end (the newest rating, see trending-window.ts).
 */
import { z } from 'zod';
import { CodedError } from '../errors.js';

export interface TrendingOptions {
  /** Length of the window, in days, ending at the newest rating (widened when too few movies qualify). */
  windowDays: number;
  /** A rating this many days older than the window's end counts half as much. */
  halfLifeDays: number;
  /** How many movies a snapshot keeps. */
  size: number;
  /** A movie needs this many ratings inside the window to trend (one rating is not a trend). */
  minRatings: number;
}

export const DEFAULT_TRENDING_OPTIONS: TrendingOptions = { windowDays: 90, halfLifeDays: 14, size: 200, minRatings: 2 };

/** The newest snapshots kept; older ones are deleted by each refresh. */
export const TRENDING_SNAPSHOTS_KEPT = 3;

const optionsSchema = z.object({
  windowDays: z.number().positive().max(36_500).default(DEFAULT_TRENDING_OPTIONS.windowDays),
  halfLifeDays: z.number().positive().max(36_500).default(DEFAULT_TRENDING_OPTIONS.halfLifeDays),
  size: z.int().min(1).max(10_000).default(DEFAULT_TRENDING_OPTIONS.size),
  minRatings: z.int().min(1).default(DEFAULT_TRENDING_OPTIONS.minRatings),
});

/** Fills in the defaults; throws `invalid_input` naming each bad option. */
export function trendingOptions(input: Partial<TrendingOptions> = {}): TrendingOptions {
  const parsed = optionsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  throw new CodedError('invalid_input', `invalid trending options: ${problems}`);
}

/** Ratings at or above this are "liked" (the model's positive threshold too). */
export const LIKED_RATING = 3.5;
/**
 * A low rating is still activity (people are watching the movie), but a movie trending because
 * everyone is panning it is a poor suggestion, so low ratings count half.
 */
export const LOW_RATING_WEIGHT = 0.5;

/**
 * The decay is floored at 0.5^120 (≈ 7.5e-37): scores are stored as float4, which cannot hold
 * smaller numbers, and a rating 120 half-lives old (4.6 years at 14 days) has long stopped mattering.
 * Ratings older than that all count this same tiny amount, so movies with only ancient activity (in
 * a widened window) still rank among themselves, by their weighted number of ratings.
 */
export const MAX_DECAY_HALF_LIVES = 120;

export function ratingWeight(rating: number): number {
  return rating >= LIKED_RATING ? 1 : LOW_RATING_WEIGHT;
}

/**
 * Weight of each valid rating value, index i for rating (i + 1) / 2 (0.5 … 5.0, the only values the
 * ratings table accepts), so SQL can look a rating's weight up as `weights[rating * 2]`.
 */
export function ratingWeightTable(): number[] {
  return Array.from({ length: 10 }, (_, i) => ratingWeight((i + 1) / 2));
}
