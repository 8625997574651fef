/** Starts the local server over what is already prepared and stops it cleanly on SIGTERM/SIGINT. */
import { join } from 'node:path';
import { createRuntime } from '@movierec/functions/jobs';
import { startLocalServer, type LocalServer } from '@movierec/functions/server';
import { config, REPO_ROOT } from '../cli/context.js';

export interface ServeOptions {
  port: number;
  host: string;
}

export async function serveUntilSignalled({ port, host }: ServeOptions): Promise<void> {
  const cfg = config();
  const runtime = await createRuntime(cfg);
  let server: LocalServer;
  try {
    server = await startLocalServer({
      runtime,
      port,
      host,
      webDist: cfg.server.webDist ?? join(REPO_ROOT, 'web', 'dist'),
    });
  } catch (error) {
    await runtime.close();
    throw error;
  }
  process.stderr.write(
    `\nMovie recommendations are running at ${server.url}/  (API docs: ${server.url}/api/docs)\nStop with Ctrl+C.\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      runtime.log.info({ signal }, 'stopping');
      server.close().then(resolve, (error: unknown) => {
        runtime.log.error({ error: String(error) }, 'unclean stop');
        resolve();
      });
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
