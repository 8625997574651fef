/**
 * A version per user that changes with every write to the user's ratings, whoever writes them (the
 * API, a loader, psql). Caches of a user's history and recommendations are keyed by it, so a new
 * rating is seen on the very next request. Statement-level triggers with transition tables keep
 * bulk loads cheap: one update per statement, not per row.
 */
import { sql, type Kysely } from 'kysely';

const EVENTS = [
  { event: 'insert', table: 'new' },
  { event: 'update', table: 'new' },
  { event: 'delete', table: 'old' },
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column history_version bigint not null default 0`.execute(db);
  await sql`create function bump_history_version() returns trigger language plpgsql as $$
    begin
      update users set history_version = history_version + 1
      where id in (select distinct user_id from changed_ratings);
      return null;
    end $$`.execute(db);
  // Postgres allows a transition table only on a single-event trigger, hence one trigger per event.
  for (const { event, table } of EVENTS) {
    await sql`create trigger ${sql.raw(`ratings_${event}_bumps_history`)}
      after ${sql.raw(event)} on ratings referencing ${sql.raw(table)} table as changed_ratings
      for each statement execute function bump_history_version()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { event } of EVENTS)
    await sql`drop trigger if exists ${sql.raw(`ratings_${event}_bumps_history`)} on ratings`.execute(db);
  await sql`drop function if exists bump_history_version()`.execute(db);
  await sql`alter table users drop column if exists history_version`.execute(db);
}
