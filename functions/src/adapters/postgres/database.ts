/**
 * The one database interface: a typed Kysely instance over one of three drivers, picked by config.
 * Everything else (repositories, migrations) is written once against it.
 */
import { Kysely, type Dialect } from 'kysely';
import type { Db, Schema } from './schema.js';
import { migrateToLatest } from './migrate.js';

export type { Db } from './schema.js';

export type DatabaseDriver = 'pglite' | 'postgres' | 'neon';

/** Which database to open (config/env.ts builds it from DATABASE_URL, DATABASE_DRIVER, PGLITE_DIR, NEON_WS_PROXY). */
export interface DatabaseConfig {
  driver: DatabaseDriver;
  url: string | undefined;
  pgliteDir: string;
  /** Host:port of a WebSocket-to-TCP proxy for the Neon driver outside Neon (local development). */
  neonWsProxy: string | undefined;
}

async function dialectFor(config: DatabaseConfig): Promise<Dialect> {
  switch (config.driver) {
    case 'pglite':
      return (await import('./drivers/pglite.js')).pgliteDialect(config.pgliteDir);
    case 'postgres':
      return (await import('./drivers/node-postgres.js')).nodePostgresDialect(requireUrl(config));
    case 'neon':
      return (await import('./drivers/neon.js')).neonDialect(requireUrl(config), config.neonWsProxy);
  }
}

function requireUrl(config: DatabaseConfig): string {
  if (!config.url) throw new Error(`the ${config.driver} driver needs DATABASE_URL`);
  return config.url;
}

export interface OpenDatabaseOptions {
  /** Run pending migrations first (default true). */
  migrate?: boolean;
}

/** Opens the configured database and (by default) brings its schema up to date. */
export async function openDatabase(config: DatabaseConfig, options: OpenDatabaseOptions = {}): Promise<Db> {
  const db = new Kysely<Schema>({ dialect: await dialectFor(config) });
  if (options.migrate ?? true) {
    try {
      await migrateToLatest(db);
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  return db;
}

export function describeDatabase(config: DatabaseConfig): { driver: DatabaseDriver; location: string } {
  if (config.driver === 'pglite') return { driver: 'pglite', location: config.pgliteDir };
  const url = new URL(requireUrl(config));
  return { driver: config.driver, location: `${url.hostname}:${url.port || 5432}${url.pathname}` };
}
