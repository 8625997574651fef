import type { Command } from 'commander';
import { CodedError } from '@movierec/functions/core';
import { createTmdbClient, dailyMovieIds, type TmdbClient } from '@movierec/functions/data-sources';
import { isoDate, nonNegativeNumber, positiveInteger } from '../cli/arguments.js';
import { config, printResult, withDatabase } from '../cli/context.js';
import { createProgress } from '../cli/progress.js';
import { enrichFromTmdb, growFromTmdbExport } from '../tmdb/tmdb-sync.js';

function tmdbClient(): TmdbClient {
  const { apiKey, readToken } = config().tmdb;
  if (!apiKey && !readToken)
    throw new CodedError('invalid_input', 'the TMDB API needs TMDB_API_KEY or TMDB_READ_TOKEN');
  return createTmdbClient(apiKey ? { apiKey } : { readToken: readToken as string });
}

export function registerTmdbCommands(program: Command): void {
  const tmdb = program
    .command('tmdb')
    .description('TMDB API: metadata and catalog growth (needs TMDB_API_KEY or TMDB_READ_TOKEN).');
  tmdb
    .command('fetch-metadata')
    .description('Fetch API metadata (posters, backdrops, runtime, …) for loaded movies that lack it. Resumable.')
    .option('--limit <n>', 'at most this many movies', positiveInteger, 1_000_000)
    .option('--stale-days <days>', 'also refresh metadata older than this', positiveInteger)
    .action(async (flags: { limit: number; staleDays?: number }) => {
      const client = tmdbClient();
      const staleBefore = flags.staleDays ? new Date(Date.now() - flags.staleDays * 86_400_000) : undefined;
      const progress = createProgress('metadata');
      const report = await withDatabase((db) =>
        enrichFromTmdb({
          db,
          client,
          limit: flags.limit,
          ...(staleBefore ? { staleBefore } : {}),
          onProgress: progress.update,
        }),
      ).finally(progress.stop);
      printResult(report);
    });
  tmdb
    .command('grow')
    .description("Add popular movies MovieLens lacks, from TMDB's daily id export. Resumable.")
    .option('--date <YYYY-MM-DD>', 'export date (default: yesterday, UTC)', isoDate)
    .option('--min-popularity <p>', 'skip less popular entries', nonNegativeNumber, 5)
    .option('--limit <n>', 'at most this many new movies', positiveInteger, 10_000)
    .action(async (flags: { date?: Date; minPopularity: number; limit: number }) => {
      const client = tmdbClient();
      const date = flags.date ?? new Date(Date.now() - 86_400_000);
      const progress = createProgress('new movies');
      const report = await withDatabase((db) =>
        growFromTmdbExport({
          db,
          client,
          exportMovies: dailyMovieIds(date),
          minPopularity: flags.minPopularity,
          limit: flags.limit,
          onProgress: progress.update,
        }),
      ).finally(progress.stop);
      printResult(report);
    });
}
