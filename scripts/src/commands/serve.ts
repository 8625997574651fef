import type { Command } from 'commander';
import { portNumber } from '../cli/arguments.js';
import { config } from '../cli/context.js';
import { serveUntilSignalled } from '../server/serve.js';

export interface ServerFlags {
  port?: number;
  host: string;
}

/** The flags every command that ends by serving takes. */
export function withServerOptions(command: Command): Command {
  return command
    .option('--port <n>', 'port (default: PORT, else 8000; 0 picks a free one)', portNumber)
    .option('--host <host>', 'interface to listen on (0.0.0.0 for every one)', '127.0.0.1');
}

export const serveWith = (flags: ServerFlags) =>
  serveUntilSignalled({ port: flags.port ?? config().server.port, host: flags.host });

export function registerServeCommand(program: Command): void {
  withServerOptions(program.command('serve'))
    .description('Start the API (and the built web app, when present) over what is already prepared.')
    .action(serveWith);
}
