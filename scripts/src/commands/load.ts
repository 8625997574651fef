import type { Command } from 'commander';
import { loadTmdbSnapshot } from '@movierec/functions/data-sources';
import { positiveInteger } from '../cli/arguments.js';
import { printResult, withDatabase } from '../cli/context.js';
import { createProgress, phasedProgress } from '../cli/progress.js';
import { loadMovies } from '../load/load-movies.js';
import { loadRatings, mostActiveUsers } from '../load/load-ratings.js';
import { snapshotCatalog } from '../load/metadata-catalog.js';
import { acquireDataset, withDatasetOptions, type DatasetFlags } from './dataset-options.js';
import { acquireSnapshot } from './snapshot-options.js';

async function withRatingsProgress<T>(
  run: (onProgress: (done: number, total: number) => void) => Promise<T>,
): Promise<T> {
  const progress = createProgress('ratings');
  try {
    return await run((done, total) => progress.update(done, total));
  } finally {
    progress.stop();
  }
}

interface LoadMoviesFlags extends DatasetFlags {
  tmdbSnapshot?: string;
  metadata: boolean;
  tmdbOnly: boolean;
}

export function registerLoadCommands(program: Command): void {
  withDatasetOptions(program.command('load-movies'))
    .description('Load movies, links and snapshot metadata (plus TMDB-only movies). Idempotent, one transaction.')
    .option(
      '--tmdb-snapshot <folder>',
      'TMDB metadata snapshot folder (default: TMDB_SNAPSHOT, else downloaded to $DATA_DIR/tmdb-snapshot)',
    )
    .option('--no-metadata', 'MovieLens titles and genres only')
    .option('--no-tmdb-only', 'skip snapshot movies MovieLens lacks')
    .action(async (flags: LoadMoviesFlags) => {
      const { dataset } = await acquireDataset(flags);
      const snapshotDir = flags.metadata ? (await acquireSnapshot(flags.tmdbSnapshot)).dir : null;
      const snapshot = snapshotDir ? await loadTmdbSnapshot(snapshotDir) : null;
      const progress = phasedProgress();
      const report = await withDatabase((db) =>
        loadMovies({
          db,
          dataset,
          metadata: snapshot && snapshotCatalog(snapshot),
          includeTmdbOnly: flags.tmdbOnly,
          onProgress: progress.update,
        }),
      ).finally(progress.stop);
      printResult({ variant: dataset.variant, snapshot: snapshot ? snapshotDir : null, ...report });
    });

  withDatasetOptions(program.command('load-ratings'))
    .description('Load every rating of the release, creating its users. Idempotent, one transaction.')
    .action(async (flags: DatasetFlags) => {
      const { dataset } = await acquireDataset(flags);
      const report = await withRatingsProgress((onProgress) =>
        withDatabase((db) => loadRatings({ db, dataset, onProgress })),
      );
      printResult({ variant: dataset.variant, ...report });
    });

  withDatasetOptions(program.command('sync-users'))
    .description('Load only the N most active MovieLens users and their ratings (a light database at any scale).')
    .requiredOption('--limit-users <n>', 'how many users', positiveInteger)
    .action(async (flags: DatasetFlags & { limitUsers: number }) => {
      const { dataset } = await acquireDataset(flags);
      const onlyUsers = await mostActiveUsers(dataset, flags.limitUsers);
      const report = await withRatingsProgress((onProgress) =>
        withDatabase((db) => loadRatings({ db, dataset, onlyUsers, onProgress })),
      );
      printResult({ variant: dataset.variant, selectedUsers: onlyUsers.size, ...report });
    });
}
