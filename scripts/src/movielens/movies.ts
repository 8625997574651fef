import type { DatasetLayout } from './layout.js';
import { readCsvLinks, readCsvMovies } from './movies-csv.js';
import { readDatMovies, readItemMovies } from './movies-text.js';
import type { MovieLensMovie } from './types.js';

/** Movies with their IMDb/TMDB links merged in (the links file is small, so it is read first). */
export async function* readMovies(layout: DatasetLayout): AsyncGenerator<MovieLensMovie> {
  const links = layout.files.links ? await readCsvLinks(layout.files.links) : null;
  for await (const movie of readUnlinkedMovies(layout)) {
    const link = links?.get(movie.movielensId);
    yield link ? { ...movie, ...link } : movie;
  }
}

/** Movies as their file has them, imdbId and tmdbId null. */
export function readUnlinkedMovies(layout: DatasetLayout): AsyncGenerator<MovieLensMovie> {
  switch (layout.format) {
    case 'csv':
      return readCsvMovies(layout.files.movies);
    case 'dat':
      return readDatMovies(layout.files.movies);
    case '100k':
      return readItemMovies(layout.files.movies, layout.genreOrder);
  }
}
