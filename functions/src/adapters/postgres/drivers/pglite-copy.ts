/**
 * COPY for PGlite: it reads `copy … from '/dev/blob'` from a Blob passed with the query. The rows
 * go over in blobs of about BLOB_CHARS, one COPY each, so memory stays bounded whatever their number.
 * PGlite is one session, so its copies run inside whatever transaction that session has open.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { DatabaseConnection, Driver, TransactionSettings } from 'kysely';
import { copyStatement, registerCopy, type CopyRows, type CopyTarget } from './copy.js';

const BLOB_CHARS = 8 << 20;

function pgliteCopy(pglite: PGlite): CopyRows {
  return async (target: CopyTarget, chunks: AsyncIterable<string>) => {
    const statement = copyStatement(target, `'/dev/blob'`);
    let copied = 0;
    const flush = async (parts: string[]) => {
      const result = await pglite.query(statement, [], { blob: new Blob(parts) });
      copied += result.affectedRows ?? 0;
    };
    let parts: string[] = [];
    let chars = 0;
    for await (const chunk of chunks) {
      parts.push(chunk);
      chars += chunk.length;
      if (chars >= BLOB_CHARS) {
        await flush(parts);
        parts = [];
        chars = 0;
      }
    }
    if (parts.length > 0) await flush(parts);
    return copied;
  };
}

/** Wraps kysely-pglite-dialect's driver (not exported) so the connections it hands out can COPY. */
export class PGliteCopyingDriver implements Driver {
  readonly #copy: CopyRows;

  constructor(
    private readonly inner: Driver,
    pglite: PGlite,
  ) {
    this.#copy = pgliteCopy(pglite);
  }

  init = () => this.inner.init();
  beginTransaction = (c: DatabaseConnection, s: TransactionSettings) => this.inner.beginTransaction(c, s);
  commitTransaction = (c: DatabaseConnection) => this.inner.commitTransaction(c);
  rollbackTransaction = (c: DatabaseConnection) => this.inner.rollbackTransaction(c);
  releaseConnection = (c: DatabaseConnection) => this.inner.releaseConnection(c);
  destroy = () => this.inner.destroy();

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    registerCopy(connection, this.#copy);
    return connection;
  }
}
