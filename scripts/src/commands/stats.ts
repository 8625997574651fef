import type { Command } from 'commander';
import { describeDatabase } from '@movierec/functions/database';
import { datasetLoads, metadataCoverage, tableCounts } from '@movierec/functions/database';
import { config, printResult, withDatabase } from '../cli/context.js';

export function registerStatsCommand(program: Command): void {
  program
    .command('stats')
    .description('Row counts, metadata coverage per field, and what was loaded from where, as JSON.')
    .action(() =>
      withDatabase(async (db) => {
        printResult({
          database: describeDatabase(config().database),
          counts: await tableCounts(db),
          coverage: await metadataCoverage(db),
          loads: await datasetLoads(db),
        });
      }),
    );
}
