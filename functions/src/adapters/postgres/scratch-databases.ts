/**
 * Throwaway, migrated databases on any driver: PGlite in memory (or a folder), or a uniquely named
 * database created on a PostgreSQL server and dropped afterwards (the Neon driver reaches it through
 * a local WebSocket proxy). The tests and the load benchmark both use them.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseConfig, type DatabaseDriver, openDatabase, type Db } from './database.js';
import { startWsProxy } from './ws-proxy.js';

export interface ScratchDatabase {
  db: Db;
  config: DatabaseConfig;
  /** Closes the connection and drops the database. */
  dispose(): Promise<void>;
}

/** Whether a PostgreSQL server answers at `serverUrl` within two seconds. */
export async function serverReachable(serverUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function adminQuery(serverUrl: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/**
 * A closed pool's connections finish closing a moment later; dropping the database `with (force)`
 * before then kills them mid-goodbye and their clients raise an uncaught error. Wait them out.
 */
async function waitForSessionsToClose(serverUrl: string, name: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await adminQuery(serverUrl, 'select count(*)::int as n from pg_stat_activity where datname = $1', [
      name,
    ]);
    if (rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function createServerDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `movierec_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    await waitForSessionsToClose(serverUrl, name);
    await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  };
  return { url: url.toString(), drop };
}

/** A fresh database on `driver`, with the schema migrated (PGlite in memory unless given a folder). */
export async function createScratchDatabase(
  driver: DatabaseDriver,
  options: { serverUrl: string; pgliteDir?: string },
): Promise<ScratchDatabase> {
  if (driver === 'pglite') {
    const config: DatabaseConfig = {
      driver,
      url: undefined,
      pgliteDir: options.pgliteDir ?? 'memory://',
      neonWsProxy: undefined,
    };
    const db = await openDatabase(config);
    return { db, config, dispose: () => db.destroy() };
  }
  const server = await createServerDatabase(options.serverUrl);
  const { hostname, port } = new URL(server.url);
  const proxy = driver === 'neon' ? await startWsProxy([`${hostname}:${port || 5432}`]) : null;
  const config: DatabaseConfig = { driver, url: server.url, pgliteDir: '', neonWsProxy: proxy?.address };
  const db = await openDatabase(config);
  return {
    db,
    config,
    dispose: async () => {
      await db.destroy();
      await proxy?.close();
      await server.drop();
    },
  };
}
