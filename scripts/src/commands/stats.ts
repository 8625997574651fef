import type { Command } from 'commander';
import { describeDatabase } from '@movierec/functions/adapters/postgres/database';
import { datasetLoads, tableCounts } from '@movierec/functions/adapters/postgres/repositories/stats.repository';
import { config, printResult, withDatabase } from '../cli/context.js';

export function registerStatsCommand(program: Command): void {
  program
    .command('stats')
    .description('Row counts of the database and what was loaded from where, as JSON.')
    .action(() =>
      withDatabase(async (db) => {
        printResult({ database: describeDatabase(config().database), counts: await tableCounts(db), loads: await datasetLoads(db) });
      }),
    );
}
