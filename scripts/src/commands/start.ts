import type { Command } from 'commander';
import { describeDatabase } from '@movierec/functions/adapters/postgres/database';
import { loadTmdbSnapshot } from '@movierec/functions/adapters/tmdb-snapshot/index';
import { datasetLoads, tableCounts } from '@movierec/functions/adapters/postgres/repositories/stats.repository';
import { config, printResult, withDatabase } from '../cli/context.js';
import { createProgress, phasedProgress } from '../cli/progress.js';
import { loadMovies } from '../load/load-movies.js';
import { loadRatings } from '../load/load-ratings.js';
import { snapshotCatalog } from '../load/metadata-catalog.js';
import { acquireDataset } from './dataset-options.js';

/** Loads what is not loaded yet for the configured release; a prepared database is left as it is. */
async function prepare() {
  const { dataset } = await acquireDataset({ countCheck: true });
  const snapshotDir = config().tmdb.snapshotDir;
  return withDatabase(async (db) => {
    const done = new Set((await datasetLoads(db)).filter((l) => l.dataset === dataset.variant).map((l) => l.step));
    if (!done.has('movies')) {
      const snapshot = snapshotDir ? await loadTmdbSnapshot(snapshotDir) : null;
      const progress = phasedProgress();
      await loadMovies({ db, dataset, metadata: snapshot && snapshotCatalog(snapshot), onProgress: progress.update }).finally(progress.stop);
    }
    if (!done.has('ratings')) {
      const progress = createProgress('ratings');
      await loadRatings({ db, dataset, onProgress: progress.update }).finally(progress.stop);
    }
    return { variant: dataset.variant, counts: await tableCounts(db) };
  });
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Prepare everything on the configured (by default embedded) services.')
    .action(async () => {
      const prepared = await prepare();
      printResult({ database: describeDatabase(config().database), ...prepared });
      process.stderr.write('Data and database are ready. The API server and web app are not built yet (see the open issues).\n');
    });
}
