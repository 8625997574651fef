import pg from 'pg';
import { PostgresDialect, type Dialect } from 'kysely';

/** Any Postgres server over TCP (local, RDS, Neon's pooled endpoint). */
export function nodePostgresDialect(url: string): Dialect {
  return new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) });
}
