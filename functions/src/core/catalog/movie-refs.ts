/** API callers name movies by TMDB id or by the project's id; this resolves either to a record. */
import { CodedError } from '../errors.js';
import type { CatalogStore, MovieRecord } from './catalog.port.js';

export type MovieRef = { tmdbId: number } | { movieId: number };

const describe = (ref: MovieRef) => ('tmdbId' in ref ? `tmdb_id ${ref.tmdbId}` : `movie_id ${ref.movieId}`);

/** Resolves every reference, in order; unknown ones fail together in one 'unprocessable' error. */
export async function resolveMovieRefs(catalog: CatalogStore, refs: readonly MovieRef[]): Promise<MovieRecord[]> {
  const tmdbIds = refs.flatMap((r) => ('tmdbId' in r ? [r.tmdbId] : []));
  const movieIds = refs.flatMap((r) => ('movieId' in r ? [r.movieId] : []));
  const [byTmdb, byId] = await Promise.all([catalog.moviesByTmdbIds(tmdbIds), catalog.moviesByIds(movieIds)]);
  const found = refs.map((r) => ('tmdbId' in r ? byTmdb.get(r.tmdbId) : byId.get(r.movieId)));
  const missing = refs.filter((_, i) => !found[i]).map(describe);
  if (missing.length > 0) throw new CodedError('unprocessable', `unknown movie: ${missing.join(', ')}`);
  return found as MovieRecord[];
}
