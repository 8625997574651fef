import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { Dialect } from 'kysely';

/** Embedded Postgres (WASM) kept in a folder; `memory://` keeps it in memory only (tests). */
export async function pgliteDialect(dataDir: string): Promise<Dialect> {
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  return new PGliteDialect(pglite);
}
