import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../database.js';

/** What a bulk upsert did: rows it created, rows it changed, rows that were already as given. */
export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export const NO_WRITES: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };

export function addCounts(a: WriteCounts, b: WriteCounts): WriteCounts {
  return { inserted: a.inserted + b.inserted, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged };
}

/**
 * Runs an `insert … on conflict do update … where <changed> returning (xmax = 0) as inserted` and
 * counts its rows: xmax is 0 only on freshly inserted tuples, and rows whose update was skipped by the
 * `where` are not returned at all, so they are the unchanged ones.
 */
export async function countUpsert(db: Db, upsert: RawBuilder<unknown>, batchSize: number): Promise<WriteCounts> {
  const result = await sql<{ inserted: number; updated: number }>`
    with upserted as (${upsert})
    select (count(*) filter (where inserted))::int as inserted,
           (count(*) filter (where not inserted))::int as updated
    from upserted`.execute(db);
  const { inserted = 0, updated = 0 } = result.rows[0] ?? {};
  return { inserted, updated, unchanged: batchSize - inserted - updated };
}
