import type { Command } from 'commander';
import { portNumber } from '../cli/arguments.js';
import { config } from '../cli/context.js';
import { serveUntilSignalled } from '../server/serve.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the API (and the built web app, when present) over what is already prepared.')
    .option('--port <n>', 'port (default: PORT, else 8000; 0 picks a free one)', portNumber)
    .option('--host <host>', 'interface to listen on (0.0.0.0 for every one)', '127.0.0.1')
    .action(async (flags: { port?: number; host: string }) => {
      await serveUntilSignalled({ port: flags.port ?? config().server.port, host: flags.host });
    });
}
