/**
 * The onboarding's progress, kept in component state: which step, the chosen genres, every rating
 * so far (by movie id, with the movie, so going back to the genres or loading more keeps them) and
 * how many seed movies to show.
 */
import { useReducer } from 'react';
import type { Movie } from '@/lib/api/client';
import { movieRef } from '@/lib/movies';
import type { ColdStartInput } from '../api/create-cold-start-user';
import type { Genre } from '@/lib/api/genres';

/** The API's minimum for a cold start. */
export const MIN_RATINGS = 5;
export const SEED_PAGE = 24;
/** The seed-movies limit tops out at 100; four pages are plenty to find five known movies. */
export const MAX_SEEDS = SEED_PAGE * 4;

export interface RatedMovie {
  movie: Movie;
  rating: number;
}

export interface OnboardingState {
  step: 'genres' | 'rate';
  genres: readonly Genre[];
  ratings: ReadonlyMap<number, RatedMovie>;
  limit: number;
}

export type OnboardingAction =
  | { type: 'toggleGenre'; genre: Genre }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'rate'; movie: Movie; rating: number }
  | { type: 'clear'; movieId: number }
  | { type: 'more' };

export const initialOnboarding: OnboardingState = { step: 'genres', genres: [], ratings: new Map(), limit: SEED_PAGE };

function toggle(genres: readonly Genre[], genre: Genre): Genre[] {
  // Sorted, so the same choice always asks for (and caches) the same seed list.
  return genres.includes(genre) ? genres.filter((g) => g !== genre) : [...genres, genre].sort();
}

function withRating(ratings: ReadonlyMap<number, RatedMovie>, movieId: number, rated: RatedMovie | null) {
  const next = new Map(ratings);
  if (rated) next.set(movieId, rated);
  else next.delete(movieId);
  return next;
}

export function onboardingReducer(state: OnboardingState, action: OnboardingAction): OnboardingState {
  switch (action.type) {
    case 'toggleGenre':
      return { ...state, genres: toggle(state.genres, action.genre), limit: SEED_PAGE };
    case 'next':
      return state.genres.length > 0 ? { ...state, step: 'rate' } : state;
    case 'back':
      return { ...state, step: 'genres' };
    case 'rate':
      return {
        ...state,
        ratings: withRating(state.ratings, action.movie.id, { movie: action.movie, rating: action.rating }),
      };
    case 'clear':
      return { ...state, ratings: withRating(state.ratings, action.movieId, null) };
    case 'more':
      return { ...state, limit: Math.min(MAX_SEEDS, state.limit + SEED_PAGE) };
  }
}

/** The cold-start body: the genres and every rating so far. */
export function coldStartInput(state: OnboardingState): ColdStartInput {
  const ratings = [...state.ratings.values()].map(({ movie, rating }) => ({ ...movieRef(movie), rating }));
  return { genres: [...state.genres], ratings };
}

export function useOnboarding() {
  const [state, dispatch] = useReducer(onboardingReducer, initialOnboarding);
  return { state, dispatch };
}
