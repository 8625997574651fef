/**
 * A version of the user list for databases other processes write too (PostgreSQL, Neon): it
 * changes on the commit of every write to `users`, and ratings reach `users` through the triggers
 * that bump history versions. Instances keep list pages by it, so a rating or a user written
 * anywhere shows on the next listing.
 *
 * The version is the sum of 32 counters. A statement bumps the first counter no other transaction
 * holds (SKIP LOCKED), so writers never wait on each other here: a single row would make every
 * rating write queue until the previous one commits, and a fixed counter per connection would make
 * an API rating wait for a long load holding it, while the load waits for that rating's user row.
 * Only when every counter is held does a statement wait for its connection's own.
 */
import { sql, type Kysely } from 'kysely';

export const USER_LIST_VERSION_SHARDS = 32;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table user_list_version (
      shard smallint primary key,
      version bigint not null
    )`.execute(db);
  await sql`insert into user_list_version (shard, version)
    select s, 0 from generate_series(0, ${sql.lit(USER_LIST_VERSION_SHARDS - 1)}) s`.execute(db);
  // The migration's search_path goes with the function: a restore writes users under an empty one.
  await sql`create function bump_user_list_version() returns trigger language plpgsql set search_path from current as $$
    begin
      update user_list_version set version = version + 1
      where shard = coalesce(
        (select shard from user_list_version order by shard for update skip locked limit 1),
        pg_backend_pid() % ${sql.lit(USER_LIST_VERSION_SHARDS)});
      return null;
    end $$`.execute(db);
  await sql`create trigger users_bump_user_list_version
    after insert or update or delete or truncate on users
    for each statement execute function bump_user_list_version()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists users_bump_user_list_version on users`.execute(db);
  await sql`drop function if exists bump_user_list_version()`.execute(db);
  await sql`drop table if exists user_list_version`.execute(db);
}
