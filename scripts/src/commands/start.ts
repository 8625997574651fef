import type { Command } from 'commander';
import { describeDatabase } from '@movierec/functions/adapters/postgres/database';
import { tableCounts } from '@movierec/functions/adapters/postgres/repositories/stats.repository';
import { config, printResult, withDatabase } from '../cli/context.js';
import { prepareDatabase } from '../load/prepare.js';
import { acquireDataset } from './dataset-options.js';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Prepare everything on the configured (by default embedded) services.')
    .action(async () => {
      const { dataset } = await acquireDataset({ countCheck: true });
      const prepared = await withDatabase(async (db) => ({
        ...(await prepareDatabase(db, dataset, config().tmdb.snapshotDir)),
        counts: await tableCounts(db),
      }));
      printResult({ database: describeDatabase(config().database), variant: dataset.variant, ...prepared });
      process.stderr.write('Data and database are ready. The API server and web app are not built yet (see the open issues).\n');
    });
}
