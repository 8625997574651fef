import { describe, expect, it } from 'vitest';
import {
  catalogMovieFromMetadata,
  catalogMovieFromMovieLens,
  displayTitle,
  movieLensTitles,
  resolveDuplicateTmdbLinks,
  type MovieLensEntry,
} from './catalog-movie.js';
import type { MovieMetadata } from './movie-metadata.js';

const metadata: MovieMetadata = {
  tmdbId: 603,
  imdbId: null,
  title: 'The Matrix',
  year: 1999,
  genres: ['Action', 'Science Fiction', 'History'],
  overview: 'A hacker learns the truth.',
  tagline: 'Welcome to the Real World.',
  runtime: 136,
  posterPath: '/p.jpg',
  backdropPath: null,
  voteAverage: 7.9,
  voteCount: 20000,
  popularity: 80,
  keywords: ['simulation'],
};

const entry: MovieLensEntry = {
  movielensId: 2571,
  title: 'Matrix, The',
  year: 1999,
  genres: ['Action', 'Sci-Fi', 'Thriller'],
  imdbId: 'tt0133093',
  tmdbId: 603,
};

describe('displayTitle', () => {
  it.each([
    ['Matrix, The', 'The Matrix'],
    ['American President, The', 'The American President'],
    [
      'City of Lost Children, The (Cité des enfants perdus, La)',
      'The City of Lost Children (Cité des enfants perdus, La)',
    ],
    ['Misérables, Les', 'Les Misérables'],
    ['Toy Story', 'Toy Story'],
    ['Crouching Tiger, Hidden Dragon', 'Crouching Tiger, Hidden Dragon'],
  ])('%s → %s', (input, expected) => expect(displayTitle(input)).toBe(expected));
});

describe('movieLensTitles', () => {
  it.each([
    ["Amélie (Fabuleux destin d'Amélie Poulain, Le)", ['Amélie', "Le Fabuleux destin d'Amélie Poulain"]],
    ['Léon: The Professional (a.k.a. The Professional) (Léon)', ['Léon: The Professional', 'The Professional', 'Léon']],
    [
      'City of Lost Children, The (Cité des enfants perdus, La)',
      ['The City of Lost Children', 'La Cité des enfants perdus'],
    ],
    ['Seven (a.k.a. Se7en)', ['Seven', 'Se7en']],
    ['Kolya (Kolja) (Kolya)', ['Kolya', 'Kolja']],
    ['(500) Days of Summer', ['(500) Days of Summer']],
    ['Matrix, The', ['The Matrix']],
  ])('%s → %j', (input, expected) => expect(movieLensTitles(input)).toEqual(expected));
});

describe('catalog movies', () => {
  it('keeps MovieLens identity and genres and takes metadata from TMDB', () => {
    const movie = catalogMovieFromMovieLens(entry, metadata, 'snapshot');
    expect(movie).toMatchObject({
      movielensId: 2571,
      tmdbId: 603,
      imdbId: 'tt0133093',
      title: 'The Matrix',
      genres: ['Action', 'Sci-Fi', 'Thriller'],
      runtime: 136,
      metadataSource: 'snapshot',
    });
    expect(movie.alternateTitles).toEqual(['The Matrix']);
  });

  it('falls back to the MovieLens title and no metadata', () => {
    const movie = catalogMovieFromMovieLens(entry, undefined, 'snapshot');
    expect(movie).toMatchObject({ title: 'The Matrix', overview: null, keywords: [], metadataSource: null });
  });

  it('maps TMDB genres for TMDB-only movies and drops those without a counterpart', () => {
    expect(catalogMovieFromMetadata(metadata, 'tmdb')).toMatchObject({
      movielensId: null,
      tmdbId: 603,
      genres: ['Action', 'Sci-Fi'],
      alternateTitles: [],
    });
  });

  it('gives a duplicated TMDB link to the lowest MovieLens id only', () => {
    const a = { ...entry, movielensId: 144606, tmdbId: 4912 };
    const b = { ...entry, movielensId: 6003, tmdbId: 4912 };
    const { entries, cleared } = resolveDuplicateTmdbLinks([a, b, entry]);
    expect(entries.map((e) => e.tmdbId)).toEqual([null, 4912, 603]);
    expect(cleared.map((e) => e.movielensId)).toEqual([144606]);
  });
});
