/** The scheduled jobs, run by hand: `trending-refresh` and `load-embeddings` (the ingest job). */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { DEFAULT_TRENDING_OPTIONS, type TrendingOptions } from '@movierec/functions/core';
import { DEFAULT_BATCH_SIZE } from '@movierec/functions/core';
import { INGEST_TARGETS, ingestModelEmbeddings, type IngestTargetKind, runTrendingJob } from '@movierec/functions/jobs';
import { nonNegativeNumber, positiveInteger } from '../cli/arguments.js';
import { config, printResult, withDatabase } from '../cli/context.js';
import { phasedProgress } from '../cli/progress.js';

const log = (message: string) => process.stderr.write(`${message}\n`);
const seconds = (since: number) => Number(((Date.now() - since) / 1000).toFixed(2));

interface LoadEmbeddingsFlags {
  modelDir?: string;
  batchSize: number;
  force?: boolean;
  target?: IngestTargetKind[];
}

export function registerJobCommands(program: Command): void {
  program
    .command('trending-refresh')
    .description(
      'Compute a new Trending snapshot (recent rating activity, time-decayed; keeps the last 3) and refresh the Top Rated figures.',
    )
    .option(
      '--window-days <n>',
      `days of ratings, ending at the newest one (widened when too few movies qualify)`,
      positiveInteger,
      DEFAULT_TRENDING_OPTIONS.windowDays,
    )
    .option(
      '--half-life-days <n>',
      'a rating this many days older counts half as much',
      nonNegativeNumber,
      DEFAULT_TRENDING_OPTIONS.halfLifeDays,
    )
    .option('--size <n>', 'movies in the snapshot', positiveInteger, DEFAULT_TRENDING_OPTIONS.size)
    .option(
      '--min-ratings <n>',
      'ratings a movie needs inside the window',
      positiveInteger,
      DEFAULT_TRENDING_OPTIONS.minRatings,
    )
    .action(async (flags: TrendingOptions) => {
      const started = Date.now();
      const summary = await withDatabase((db) => runTrendingJob(db, config().recommendable, flags));
      for (const movie of summary.top)
        log(
          `${String(movie.rank).padStart(3)}. ${movie.title} (${movie.ratingCount} ratings, score ${movie.score.toPrecision(3)})`,
        );
      printResult({ ...summary, seconds: seconds(started) });
    });

  program
    .command('load-embeddings')
    .description(
      'Load the model export’s movie_embeddings.npy into the vector indexes (resumable; skips a file already loaded).',
    )
    .option('--model-dir <dir>', 'the model export (default: MODEL_DIR)')
    .option('--batch-size <n>', 'points per upsert', positiveInteger, DEFAULT_BATCH_SIZE)
    .option('--force', 'load again even what a checkpoint says is loaded (e.g. after deleting the index)')
    .addOption(
      new Option(
        '--target <index...>',
        'indexes to fill (default: embedded, plus qdrant when QDRANT_URL is set)',
      ).choices(INGEST_TARGETS),
    )
    .action(async (flags: LoadEmbeddingsFlags) => {
      const started = Date.now();
      const { modelDir, vectorIndex, recommendable } = config();
      const progress = phasedProgress();
      const report = await withDatabase((db) =>
        ingestModelEmbeddings({
          db,
          modelDir: flags.modelDir ? resolve(flags.modelDir) : modelDir,
          vectorIndex,
          recommendable,
          targets: flags.target,
          batchSize: flags.batchSize,
          force: flags.force,
          onProgress: (done, total) => progress.update('embeddings', done, total),
          onGraphProgress: (done, total) => progress.update('search graph', done, total),
        }),
      ).finally(progress.stop);
      const { count, sample } = report.unknownMovies;
      if (count > 0)
        log(`warning: ${count} records name movies missing from the database (not indexed), e.g. ${sample.join(', ')}`);
      printResult({ ...report, seconds: seconds(started) });
    });
}
