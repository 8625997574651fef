/** The version user-list pages are kept by where other processes write too (migration 0008). */
import { sql } from 'kysely';
import type { Db } from '../database.js';

export function createUserListVersion(db: Db): () => Promise<string> {
  return async () => {
    const { rows } = await sql<{
      version: string;
    }>`select sum(version)::text as version from user_list_version`.execute(db);
    return rows[0]!.version;
  };
}
