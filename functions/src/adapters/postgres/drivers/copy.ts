/**
 * COPY … FROM, the fast way into a table, as a capability of the connections a driver hands out.
 * Kysely has no COPY and hides each driver's client, so every driver registers, per connection, a
 * function that copies text-format rows through that connection's own session (inside its open
 * transaction, if any).
 */
import type { DatabaseConnection } from 'kysely';
import type { Db } from '../schema.js';

/** What to copy into: the table (unquoted name) and its columns, in the order each row lists them. */
export interface CopyTarget {
  table: string;
  columns: readonly string[];
}

/**
 * Copies rows given as chunks of COPY text format (tab-separated fields, one line per row) and
 * returns how many rows it wrote. Stopping the chunks with an error aborts the copy.
 */
export type CopyRows = (target: CopyTarget, chunks: AsyncIterable<string>) => Promise<number>;

const copiers = new WeakMap<DatabaseConnection, CopyRows>();

export function registerCopy(connection: DatabaseConnection, copy: CopyRows): void {
  copiers.set(connection, copy);
}

/** The `copy` statement's head, identifiers checked because they are spliced into the SQL. */
export function copyStatement({ table, columns }: CopyTarget, source: string): string {
  for (const name of [table, ...columns]) {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
  }
  return `copy ${table} (${columns.join(', ')}) from ${source}`;
}

/** Copies `chunks` into `target` on the connection `db` runs its queries on (the transaction's, for one). */
export async function copyRows(db: Db, target: CopyTarget, chunks: AsyncIterable<string>): Promise<number> {
  return db.getExecutor().provideConnection(async (connection) => {
    const copy = copiers.get(connection);
    if (!copy) throw new Error('this database connection cannot COPY');
    return copy(target, chunks);
  });
}
