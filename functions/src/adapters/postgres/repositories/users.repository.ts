import { sql } from 'kysely';
import type { Db } from '../database.js';

/**
 * Makes sure a user row exists for each MovieLens user id; returns every id's row id and how many
 * rows were created.
 */
export async function ensureMovieLensUsers(
  db: Db,
  movielensIds: number[],
): Promise<{ ids: Map<number, number>; inserted: number }> {
  if (movielensIds.length === 0) return { ids: new Map(), inserted: 0 };
  const inserted = await sql<{ id: number }>`
    insert into users (movielens_id, kind)
    select x, 'movielens' from unnest(${movielensIds}::int[]) as x
    on conflict (movielens_id) do nothing
    returning id`.execute(db);
  const rows = await db
    .selectFrom('users')
    .select(['id', 'movielens_id'])
    .where(sql<boolean>`movielens_id = any(${movielensIds}::int[])`)
    .execute();
  return { ids: new Map(rows.map((r) => [r.movielens_id as number, r.id])), inserted: inserted.rows.length };
}

/** MovieLens id → row id of every MovieLens user already loaded. */
export async function userIdsByMovieLensId(db: Db): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'movielens_id'])
    .where('movielens_id', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.movielens_id as number, r.id]));
}
