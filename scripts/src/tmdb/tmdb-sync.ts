/**
 * Bulk work with the TMDB API: refresh metadata of loaded movies, and grow the catalog with movies
 * MovieLens lacks from TMDB's daily id export. Each chunk commits on its own, so an interrupted run
 * keeps its progress and a re-run picks up what is left.
 */
import type { Db } from '@movierec/functions/database';
import {
  applyApiMetadata,
  moviesNeedingApiMetadata,
  unknownTmdbIds,
  upsertTmdbOnlyMovies,
} from '@movierec/functions/database';
import type { DailyExportMovie, TmdbClient } from '@movierec/functions/data-sources';
import { catalogMovieFromMetadata } from '@movierec/functions/core';
import type { MovieMetadata } from '@movierec/functions/core';
import { inBatches } from '../load/batches.js';

const CHUNK = 100;

type Progress = (done: number, total: number) => void;

/** Fetches a chunk concurrently (the client enforces TMDB's rate limit); ids TMDB lacks come back null. */
async function fetchChunk(client: TmdbClient, ids: number[]): Promise<{ found: MovieMetadata[]; missing: number }> {
  const results = await Promise.all(ids.map((id) => client.movie(id)));
  const found = results.filter((m): m is MovieMetadata => m !== null);
  return { found, missing: ids.length - found.length };
}

export interface EnrichOptions {
  db: Db;
  client: TmdbClient;
  limit: number;
  /** Also refresh metadata fetched before this date. */
  staleBefore?: Date;
  onProgress?: Progress;
}

export async function enrichFromTmdb({ db, client, limit, staleBefore, onProgress }: EnrichOptions) {
  const targets = await moviesNeedingApiMetadata(db, { limit, ...(staleBefore ? { staleBefore } : {}) });
  let updated = 0;
  let notFound = 0;
  for await (const chunk of inBatches(targets, CHUNK)) {
    const { found, missing } = await fetchChunk(
      client,
      chunk.map((t) => t.tmdbId),
    );
    updated += await applyApiMetadata(db, found);
    notFound += missing;
    onProgress?.(updated + notFound, targets.length);
  }
  return { requested: targets.length, updated, notFound };
}

export interface GrowOptions {
  db: Db;
  client: TmdbClient;
  exportMovies: AsyncIterable<DailyExportMovie>;
  minPopularity: number;
  limit: number;
  onProgress?: Progress;
}

/** The most popular export entries not yet in the catalog (adult and video entries skipped). */
async function growCandidates(
  db: Db,
  exportMovies: AsyncIterable<DailyExportMovie>,
  minPopularity: number,
  limit: number,
) {
  const popular: DailyExportMovie[] = [];
  let scanned = 0;
  for await (const movie of exportMovies) {
    scanned += 1;
    if (!movie.adult && !movie.video && movie.popularity >= minPopularity) popular.push(movie);
  }
  popular.sort((a, b) => b.popularity - a.popularity || a.tmdbId - b.tmdbId);
  const unknown = new Set(
    await unknownTmdbIds(
      db,
      popular.map((m) => m.tmdbId),
    ),
  );
  return {
    scanned,
    candidates: popular
      .filter((m) => unknown.has(m.tmdbId))
      .slice(0, limit)
      .map((m) => m.tmdbId),
  };
}

export async function growFromTmdbExport({ db, client, exportMovies, minPopularity, limit, onProgress }: GrowOptions) {
  const { scanned, candidates } = await growCandidates(db, exportMovies, minPopularity, limit);
  let inserted = 0;
  let notFound = 0;
  for await (const chunk of inBatches(candidates, CHUNK)) {
    const { found, missing } = await fetchChunk(client, chunk);
    inserted += (
      await upsertTmdbOnlyMovies(
        db,
        found.map((m) => catalogMovieFromMetadata(m, 'tmdb')),
      )
    ).inserted;
    notFound += missing;
    onProgress?.(inserted + notFound, candidates.length);
  }
  return { scanned, candidates: candidates.length, inserted, notFound };
}
