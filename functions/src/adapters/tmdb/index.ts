export {
  createTmdbClient,
  TMDB_API_BASE_URL,
  type SearchMoviesOptions,
  type TmdbClient,
  type TmdbClientOptions,
} from './client.js';
export {
  dailyExportFileName,
  dailyMovieIds,
  TMDB_EXPORTS_BASE_URL,
  type DailyExportMovie,
  type DailyMovieIdsOptions,
} from './daily-export.js';
export type { MovieSearchPage, MovieSearchResult, TmdbImageConfiguration } from './mapping.js';
export type { Clock, Sleep } from './rate-limit.js';
