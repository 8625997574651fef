import { Pool, neonConfig } from '@neondatabase/serverless';
import type { Dialect } from 'kysely';
import { CopyingPostgresDialect } from './pg-protocol.js';

/**
 * Neon's serverless driver: the Postgres protocol over WebSockets, which is what Lambda can use.
 * With `wsProxy` set it talks to any Postgres through a WebSocket-to-TCP proxy, Neon's documented
 * setup for local development (no TLS on that hop).
 */
export async function neonDialect(url: string, wsProxy?: string): Promise<Dialect> {
  // Node 22 (Lambda) has a WebSocket of its own; Node 20 needs the ws package.
  neonConfig.webSocketConstructor = globalThis.WebSocket ?? (await import('ws')).default;
  if (wsProxy) {
    neonConfig.wsProxy = (host, port) => `${wsProxy}/v1?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  const pool = new Pool({ connectionString: url, max: 10, idleTimeoutMillis: 60_000 });
  // An idle connection dies when Neon suspends its compute or a frozen Lambda thaws: the pool drops
  // it and the next query opens another. Unlistened, that error would end the process.
  pool.on('error', () => undefined);
  // The neon Pool implements node-postgres' Pool interface (its clients take pg-copy-streams' COPY too).
  return new CopyingPostgresDialect(pool as unknown as import('pg').Pool);
}
