/**
 * The seed's cold-start user embedding, kept as the last fallback: the rating-weighted average of
 * the rated movies' embeddings, L2-normalized. It needs no model, only the movie vectors.
 *
 * Weights are centred on the middle of the 0.5–5 scale: weight = rating − 2.75, so a 5 pulls
 * towards a movie (+2.25) as hard as a 0.5 pushes away (−2.25), and a 3 counts a little for, a 2.5
 * a little against. Ratings are multiples of 0.5, so no rating weighs exactly zero. A movie rated
 * twice counts once, with its latest rating; movies without a vector are ignored.
 */
import { CodedError } from '../errors.js';
import type { RatedMovie, UserEncoder } from './user-encoder.port.js';

export const NEUTRAL_RATING = 2.75;
const PADDING_MOVIE_ID = 0;
const MIN_NORM = 1e-6;

/** The stored vectors of these movies (VectorIndex.vectors); ids without one are absent. */
export type MovieVectors = (movieIds: readonly number[]) => Promise<Map<number, Float32Array>>;

export function createWeightedAverageEncoder(vectors: MovieVectors): UserEncoder {
  return {
    name: 'weighted-average',
    async encode(histories) {
      const latest = histories.map(latestRatings);
      const ids = [...new Set(latest.flatMap((ratings) => [...ratings.keys()]))];
      const found = ids.length > 0 ? await vectors(ids) : new Map<number, Float32Array>();
      return latest.map((ratings, index) => weightedAverage(ratings, found, index));
    },
  };
}

function latestRatings(history: RatedMovie[]): Map<number, number> {
  const ratings = new Map<number, number>();
  for (const { movieId, rating } of history) {
    if (movieId === PADDING_MOVIE_ID) continue;
    if (!Number.isFinite(rating))
      throw new CodedError('invalid_input', `rating of movie ${movieId} is not a number: ${rating}`);
    ratings.set(movieId, rating); // a later rating replaces an earlier one
  }
  return ratings;
}

function weightedAverage(ratings: Map<number, number>, found: Map<number, Float32Array>, index: number): Float32Array {
  let sum: Float64Array | undefined;
  for (const [movieId, rating] of ratings) {
    const vector = found.get(movieId);
    if (!vector) continue;
    sum ??= new Float64Array(vector.length);
    if (vector.length !== sum.length)
      throw new CodedError('unavailable', `movie ${movieId} has a ${vector.length}-d vector, others ${sum.length}-d`);
    const weight = rating - NEUTRAL_RATING;
    for (let j = 0; j < vector.length; j++) sum[j]! += weight * vector[j]!;
  }
  if (!sum) {
    const detail = ratings.size === 0 ? 'is empty' : `has none of its ${ratings.size} movie(s) in the index`;
    throw new CodedError('unprocessable', `weighted average: history ${index} ${detail}`);
  }
  const norm = Math.hypot(...sum);
  // Only ratings that cancel out exactly (e.g. the same vector liked and disliked) get here.
  if (norm < MIN_NORM)
    throw new CodedError('unprocessable', `weighted average: the ratings of history ${index} cancel out`);
  return Float32Array.from(sum, (x) => x / norm);
}
