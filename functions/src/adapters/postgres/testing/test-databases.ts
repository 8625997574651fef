/**
 * Fresh, migrated databases for tests, one per driver, so the same suite runs against embedded
 * PGlite, a real PostgreSQL server (node-postgres) and that server through the Neon driver.
 *
 * The server comes from TEST_POSTGRES_URL (default: the local server on 127.0.0.1:5432). Without a
 * reachable server the server-backed drivers are skipped locally, but fail under CI=true.
 */
import type { DatabaseDriver } from '../database.js';
import { createScratchDatabase, type ScratchDatabase, serverReachable } from '../scratch-databases.js';

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export type TestDatabase = ScratchDatabase;

const reachable = await serverReachable(TEST_POSTGRES_URL);
if (!reachable && process.env.CI) {
  throw new Error(`CI needs the PostgreSQL server at ${TEST_POSTGRES_URL} (start it, or set TEST_POSTGRES_URL)`);
}

/** Drivers available here: PGlite always; postgres and neon when the server answers. */
export const testDrivers: DatabaseDriver[] = reachable ? ['pglite', 'postgres', 'neon'] : ['pglite'];

/** A fresh database on `driver`, with the schema migrated (PGlite in memory unless given a folder). */
export function createTestDatabase(driver: DatabaseDriver, pgliteDir = 'memory://'): Promise<TestDatabase> {
  return createScratchDatabase(driver, { serverUrl: TEST_POSTGRES_URL, pgliteDir });
}
