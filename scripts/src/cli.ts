#!/usr/bin/env tsx
/**
 * `npm run cli -- <command> [flags]`: one entry for every tool. Results go to stdout as JSON,
 * progress to stderr; a failure prints one line naming the problem and exits non-zero.
 */
import { Command, CommanderError } from 'commander';
import { registerBenchCommands } from './commands/bench.js';
import { registerCloudCommands } from './commands/cloud.js';
import { registerDataCommands } from './commands/data.js';
import { registerDbCommands } from './commands/db.js';
import { registerJobCommands } from './commands/jobs.js';
import { registerLoadCommands } from './commands/load.js';
import { registerModelCommands } from './commands/model.js';
import { registerServeCommand } from './commands/serve.js';
import { registerStartCommand } from './commands/start.js';
import { registerStatsCommand } from './commands/stats.js';
import { registerTmdbCommands } from './commands/tmdb.js';

const program = new Command('movierec')
  .description('Movie recommendations: data, database, model and server tools.')
  .showHelpAfterError('(add --help for usage)')
  .exitOverride();

registerDataCommands(program);
registerDbCommands(program);
registerLoadCommands(program);
registerStatsCommand(program);
registerTmdbCommands(program);
registerBenchCommands(program);
registerModelCommands(program);
registerCloudCommands(program);
registerJobCommands(program);
registerStartCommand(program);
registerServeCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${message}\n`);
  if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}
