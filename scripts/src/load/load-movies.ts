/**
 * `load-movies`: the MovieLens catalog with its links and TMDB metadata, plus the movies only the
 * metadata source knows (TMDB-only). One transaction: a bad file writes nothing.
 */
import {
  catalogMovieFromMetadata,
  catalogMovieFromMovieLens,
  resolveDuplicateTmdbLinks,
} from '@movierec/functions/core';
import type { Db } from '@movierec/functions/database';
import { upsertMovieLensMovies, upsertTmdbOnlyMovies } from '@movierec/functions/database';
import { assertSingleRelease, recordDatasetLoad } from '@movierec/functions/database';
import { addCounts, NO_WRITES, type WriteCounts } from '@movierec/functions/database';
import type { MovieLensDataset, MovieLensMovie } from '../movielens/types.js';
import { inBatches } from './batches.js';
import { withFilledLink, type MetadataCatalog } from './metadata-catalog.js';

const BATCH_SIZE = 2000;

export interface LoadMoviesOptions {
  db: Db;
  dataset: MovieLensDataset;
  /** Offline metadata (the TMDB snapshot); null loads MovieLens titles and genres only. */
  metadata: MetadataCatalog | null;
  /** Also load movies MovieLens lacks (default true). */
  includeTmdbOnly?: boolean;
  onProgress?: (phase: 'movies' | 'tmdb-only', done: number, total: number) => void;
}

export interface LoadMoviesReport {
  movielens: WriteCounts;
  tmdbOnly: WriteCounts;
  join: {
    movielensMovies: number;
    withTmdbId: number;
    linksFilledFromSnapshot: number;
    duplicateLinksCleared: number[];
    withMetadata: number;
    withOverview: number;
  };
}

async function readMovies(dataset: MovieLensDataset, metadata: MetadataCatalog | null) {
  const movies: MovieLensMovie[] = [];
  let filled = 0;
  for await (const movie of dataset.movies()) {
    const linked = metadata ? withFilledLink(movie, dataset.format, metadata) : { movie, filled: false };
    movies.push(linked.movie);
    if (linked.filled) filled += 1;
  }
  return { movies, filled };
}

async function writeAll(
  movies: ReturnType<typeof catalogMovieFromMetadata>[],
  write: (batch: typeof movies) => Promise<WriteCounts>,
  progress: (done: number) => void,
): Promise<WriteCounts> {
  let counts = NO_WRITES;
  for await (const batch of inBatches(movies, BATCH_SIZE)) {
    counts = addCounts(counts, await write(batch));
    progress(counts.inserted + counts.updated + counts.unchanged);
  }
  return counts;
}

export async function loadMovies(options: LoadMoviesOptions): Promise<LoadMoviesReport> {
  const { db, dataset, metadata, onProgress } = options;
  const read = await readMovies(dataset, metadata);
  const { entries, cleared } = resolveDuplicateTmdbLinks(read.movies);
  const linkedIds = entries.flatMap((m) => (m.tmdbId === null ? [] : [m.tmdbId]));
  const catalog = entries.map((m) =>
    catalogMovieFromMovieLens(m, m.tmdbId === null ? undefined : metadata?.get(m.tmdbId), 'snapshot'),
  );
  const claimed = new Set(linkedIds);
  const tmdbOnly =
    options.includeTmdbOnly === false || !metadata
      ? []
      : [...metadata.allMovies()]
          .filter((m) => !claimed.has(m.tmdbId))
          .map((m) => catalogMovieFromMetadata(m, 'snapshot'));

  const written = await db.transaction().execute(async (trx) => {
    await assertSingleRelease(trx, dataset.variant);
    const movielens = await writeAll(
      catalog,
      (b) => upsertMovieLensMovies(trx, b),
      (d) => onProgress?.('movies', d, catalog.length),
    );
    const tmdb = await writeAll(
      tmdbOnly,
      (b) => upsertTmdbOnlyMovies(trx, b),
      (d) => onProgress?.('tmdb-only', d, tmdbOnly.length),
    );
    await recordDatasetLoad(trx, {
      dataset: dataset.variant,
      step: 'movies',
      source: dataset.dir,
      counts: { movies: catalog.length, tmdbOnly: tmdbOnly.length },
    });
    return { movielens, tmdb };
  });
  return {
    movielens: written.movielens,
    tmdbOnly: written.tmdb,
    join: {
      movielensMovies: catalog.length,
      withTmdbId: linkedIds.length,
      linksFilledFromSnapshot: read.filled,
      duplicateLinksCleared: cleared.map((m) => m.movielensId),
      withMetadata: catalog.filter((m) => m.metadataSource !== null).length,
      withOverview: catalog.filter((m) => m.overview).length,
    },
  };
}
