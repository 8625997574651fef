/** Maps validated TMDB responses onto this project's shapes. */
import { canonicalGenres } from '../../core/catalog/genres.js';
import type { MovieMetadata } from '../../core/catalog/movie-metadata.js';
import type { ConfigurationResponse, MovieDetailsResponse, SearchMoviesResponse } from './schemas.js';

export interface MovieSearchResult {
  tmdbId: number;
  title: string;
  year: number | null;
  posterPath: string | null;
  popularity: number | null;
}

export interface MovieSearchPage {
  page: number;
  totalPages: number;
  totalResults: number;
  results: MovieSearchResult[];
}

export interface TmdbImageConfiguration {
  /** `https://image.tmdb.org/t/p/`; an image URL is base + size + path. */
  secureBaseUrl: string;
  baseUrl: string;
  posterSizes: string[];
  backdropSizes: string[];
  logoSizes: string[];
  profileSizes: string[];
  stillSizes: string[];
}

/** Empty and whitespace-only strings mean "unknown" in TMDB bodies. */
function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** The year of `YYYY-MM-DD`, or null for "" and anything else. */
export function yearOf(releaseDate: string | null | undefined): number | null {
  const m = /^(\d{4})-/.exec(releaseDate ?? '');
  return m ? Number(m[1]) : null;
}

/** Distinct, whitespace-normalised keyword names. */
function keywordNames(items: readonly { name: string }[]): string[] {
  return [...new Set(items.map((k) => k.name.replace(/\s+/g, ' ').trim()).filter((k) => k !== ''))];
}

export function toMovieMetadata(body: MovieDetailsResponse): MovieMetadata {
  return {
    tmdbId: body.id,
    imdbId: text(body.imdb_id),
    title: body.title,
    year: yearOf(body.release_date),
    genres: canonicalGenres(body.genres.map((g) => g.name)),
    overview: text(body.overview),
    tagline: text(body.tagline),
    runtime: body.runtime ? body.runtime : null, // TMDB writes 0 for an unknown runtime
    posterPath: text(body.poster_path),
    backdropPath: text(body.backdrop_path),
    voteAverage: body.vote_average ?? null,
    voteCount: body.vote_count ?? null,
    popularity: body.popularity ?? null,
    keywords: keywordNames(body.keywords?.keywords ?? []),
  };
}

export function toSearchPage(body: SearchMoviesResponse): MovieSearchPage {
  return {
    page: body.page,
    totalPages: body.total_pages,
    totalResults: body.total_results,
    results: body.results.map((r) => ({
      tmdbId: r.id,
      title: r.title,
      year: yearOf(r.release_date),
      posterPath: text(r.poster_path),
      popularity: r.popularity ?? null,
    })),
  };
}

export function toImageConfiguration(body: ConfigurationResponse): TmdbImageConfiguration {
  const i = body.images;
  return {
    secureBaseUrl: i.secure_base_url,
    baseUrl: i.base_url,
    posterSizes: i.poster_sizes,
    backdropSizes: i.backdrop_sizes,
    logoSizes: i.logo_sizes,
    profileSizes: i.profile_sizes,
    stillSizes: i.still_sizes,
  };
}
