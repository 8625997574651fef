/**
 * Kysely's Postgres driver over a node-postgres-compatible pool (pg's own, or Neon's serverless one),
 * with connections that can also COPY: Kysely keeps each pooled client private, and COPY has to be
 * sent on the client that holds the transaction. Transactions and savepoints stay Kysely's.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import {
  PostgresDialect,
  PostgresDriver,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { Pool, PoolClient } from 'pg';
import { copyStatement, registerCopy, type CopyTarget } from './copy.js';

const ROW_COUNT_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

class PgConnection implements DatabaseConnection {
  constructor(readonly client: PoolClient) {
    registerCopy(this, (target, chunks) => this.copy(target, chunks));
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { command, rowCount, rows } = await this.client.query(query.sql, [...query.parameters]);
    const counted = ROW_COUNT_COMMANDS.has(command) && rowCount !== null;
    return { numAffectedRows: counted ? BigInt(rowCount) : undefined, rows: rows ?? [] };
  }

  // eslint-disable-next-line require-yield -- no cursor is configured; Kysely's driver refuses the same way
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries need a cursor, which this driver does not configure');
  }

  /** COPY FROM STDIN; the source's error destroys the stream, which sends CopyFail and fails the copy. */
  private async copy(target: CopyTarget, chunks: AsyncIterable<string>): Promise<number> {
    // Imported on first use: the deployed API never copies, so its bundle needs not load it at start.
    const { from } = await import('pg-copy-streams');
    const stream = this.client.query(from(copyStatement(target, 'stdin')));
    await pipeline(Readable.from(chunks, { objectMode: false }), stream);
    return stream.rowCount;
  }
}

class CopyingPostgresDriver extends PostgresDriver {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    super({ pool });
    this.#pool = pool;
  }

  // The base class's pool stays unset: every method that would use it is overridden here.
  override async init(): Promise<void> {}

  override async acquireConnection(): Promise<DatabaseConnection> {
    return new PgConnection(await this.#pool.connect());
  }

  override async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PgConnection).client.release();
  }

  override async destroy(): Promise<void> {
    await this.#pool.end();
  }
}

/** PostgresDialect whose driver's connections can COPY. */
export class CopyingPostgresDialect extends PostgresDialect {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    super({ pool });
    this.#pool = pool;
  }

  override createDriver(): Driver {
    return new CopyingPostgresDriver(this.#pool);
  }
}
