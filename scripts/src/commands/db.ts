import type { Command } from 'commander';
import { openDatabase, describeDatabase } from '@movierec/functions/database';
import { migrateToLatest } from '@movierec/functions/database';
import { config, printResult } from '../cli/context.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('Database schema.');
  db.command('migrate')
    .description('Apply pending migrations (every other command also does this first).')
    .action(async () => {
      const database = await openDatabase(config().database, { migrate: false });
      try {
        printResult({ database: describeDatabase(config().database), ...(await migrateToLatest(database)) });
      } finally {
        await database.destroy();
      }
    });
}
