/** What every command shares: the validated config and, for those that need it, the database. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type AppConfig } from '@movierec/functions/config';
import { openDatabase, type Db } from '@movierec/functions/database';

/** The repository root: relative paths in config (DATA_DIR, PGLITE_DIR, MODEL_DIR, INDEX_DIR, WEB_DIST) are taken from here. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let cached: AppConfig | null = null;

/** Reads `.env` at the repository root (when present) under the real environment, then validates. */
export function config(): AppConfig {
  if (cached) return cached;
  const envFile = resolve(REPO_ROOT, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const loaded = loadConfig(process.env);
  cached = {
    ...loaded,
    dataDir: resolve(REPO_ROOT, loaded.dataDir),
    database: { ...loaded.database, pgliteDir: resolve(REPO_ROOT, loaded.database.pgliteDir) },
    modelDir: resolve(REPO_ROOT, loaded.modelDir),
    vectorIndex: { ...loaded.vectorIndex, embeddedDir: resolve(REPO_ROOT, loaded.vectorIndex.embeddedDir) },
    server: { ...loaded.server, webDist: loaded.server.webDist && resolve(REPO_ROOT, loaded.server.webDist) },
  };
  return cached;
}

/** Runs `work` with the migrated database and always closes it. */
export async function withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(config().database);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** Prints a command's result as JSON on stdout. */
export function printResult(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
