/**
 * Each user's rating count kept on its row by the triggers that already bump its history version,
 * so the user list reads it (and sorts by it, through an index) instead of counting every user's
 * ratings per request.
 */
import { sql, type Kysely } from 'kysely';

async function bumpFunction(db: Kysely<unknown>, alsoCount: boolean): Promise<void> {
  const count = alsoCount ? sql`, rating_count = (select count(*) from ratings r where r.user_id = users.id)` : sql``;
  // The migration's search_path goes with the function: a restore writes ratings under an empty one.
  await sql`create or replace function bump_history_version() returns trigger language plpgsql
    set search_path from current as $$
    begin
      update users set history_version = history_version + 1${count}
      where id in (select distinct user_id from changed_ratings);
      return null;
    end $$`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column rating_count integer not null default 0`.execute(db);
  await sql`update users set rating_count = n from (select user_id, count(*) as n from ratings group by user_id) c
    where c.user_id = users.id`.execute(db);
  await sql`create index users_by_rating_count on users (rating_count desc, id)`.execute(db);
  await bumpFunction(db, true);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await bumpFunction(db, false);
  await sql`drop index if exists users_by_rating_count`.execute(db);
  await sql`alter table users drop column if exists rating_count`.execute(db);
}
