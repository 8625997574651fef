/**
 * A catalog version that changes with every write to `movies` (whoever writes: loaders, TMDB
 * fetches, psql) and with every refresh of the rating figures. In-memory copies of the catalog
 * (the title search index) compare it to know when to rebuild. Statement-level, so a bulk load
 * bumps it once per statement.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table catalog_version (
      only_row boolean primary key default true check (only_row),
      version bigint not null
    )`.execute(db);
  await sql`insert into catalog_version (version) values (1)`.execute(db);
  // The migration's search_path goes with the function: a restore writes movies under an empty one.
  await sql`create function bump_catalog_version() returns trigger language plpgsql set search_path from current as $$
    begin
      update catalog_version set version = version + 1;
      return null;
    end $$`.execute(db);
  await sql`create trigger movies_bump_catalog_version
    after insert or update or delete or truncate on movies
    for each statement execute function bump_catalog_version()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists movies_bump_catalog_version on movies`.execute(db);
  await sql`drop function if exists bump_catalog_version()`.execute(db);
  await sql`drop table if exists catalog_version`.execute(db);
}
