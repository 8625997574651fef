import type { Dialect } from 'kysely';
import { CopyingPostgresDialect } from './pg-protocol.js';

/** Any Postgres server over TCP (local, RDS, Neon's pooled endpoint); `pg` is imported when used. */
export async function nodePostgresDialect(url: string): Promise<Dialect> {
  const { default: pg } = await import('pg');
  return new CopyingPostgresDialect(new pg.Pool({ connectionString: url, max: 10 }));
}
