/**
 * Fresh, migrated databases for tests, one per driver, so the same suite runs against embedded
 * PGlite, a real PostgreSQL server (node-postgres) and that server through the Neon driver.
 *
 * The server comes from TEST_POSTGRES_URL (default: the local server on 127.0.0.1:5432). Each test
 * database is created with a unique name and dropped afterwards. Without a reachable server the
 * server-backed drivers are skipped locally, but fail under CI=true.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseConfig, DatabaseDriver } from '../../../config/env.js';
import { openDatabase, type Db } from '../database.js';
import { startWsProxy } from './ws-proxy.js';

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  db: Db;
  config: DatabaseConfig;
  /** Closes the connection and drops the database. */
  dispose(): Promise<void>;
}

async function serverReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const reachable = await serverReachable();
if (!reachable && process.env.CI) {
  throw new Error(`CI needs the PostgreSQL server at ${TEST_POSTGRES_URL} (start it, or set TEST_POSTGRES_URL)`);
}

/** Drivers available here: PGlite always; postgres and neon when the server answers. */
export const testDrivers: DatabaseDriver[] = reachable ? ['pglite', 'postgres', 'neon'] : ['pglite'];

async function adminQuery(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
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
async function waitForSessionsToClose(name: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await adminQuery('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
    if (rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function createServerDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `movierec_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const drop = async () => {
    await waitForSessionsToClose(name);
    await adminQuery(`drop database if exists ${name} with (force)`);
  };
  return { url: url.toString(), drop };
}

/** A fresh database on `driver`, with the schema migrated (PGlite in memory unless given a folder). */
export async function createTestDatabase(driver: DatabaseDriver, pgliteDir = 'memory://'): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const config: DatabaseConfig = { driver, url: undefined, pgliteDir, neonWsProxy: undefined };
    const db = await openDatabase(config);
    return { db, config, dispose: () => db.destroy() };
  }
  const server = await createServerDatabase();
  const proxy = driver === 'neon' ? await startWsProxy([`${new URL(server.url).hostname}:${new URL(server.url).port || 5432}`]) : null;
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
