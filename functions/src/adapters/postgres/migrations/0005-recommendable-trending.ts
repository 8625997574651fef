/**
 * Trending snapshots computed before the recommendable rule (core/catalog/recommendable.ts) may
 * list movies nobody can watch. They are dropped: `start` computes a new one at once, and the
 * scheduled job at its next run (until then Trending answers Top Rated, which applies the rule).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`delete from trending_snapshots`.execute(db);
}

// Nothing to restore: the snapshots are recomputed from the ratings.
export async function down(): Promise<void> {}
