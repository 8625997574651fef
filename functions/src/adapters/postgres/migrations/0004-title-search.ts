/**
 * Title search that forgives accents, case and punctuation, over every title a movie is known by.
 * `search_text` is a generated column, so every writer (loaders, TMDB fetches, TMDB-only rows, psql)
 * keeps it right without knowing of it, on each driver alike. unaccent is only STABLE (its rules
 * could be edited), so an IMMUTABLE wrapper is what lets a generated column and an index use it.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists unaccent`.execute(db);
  // Qualified with unaccent's own schema: the wrapper must not depend on the caller's search_path.
  const { rows } = await sql<{ schema: string }>`
    select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'unaccent'`.execute(
    db,
  );
  const name = rows[0]!.schema;
  const schema = sql.id(name);
  const dictionary = sql.lit(`"${name.replaceAll('"', '""')}".unaccent`);
  await sql`create function search_normalize(value text) returns text
    language sql immutable strict parallel safe
    as $$ select btrim(regexp_replace(lower(${schema}.unaccent(${dictionary}::regdictionary, value)), '[[:punct:][:space:]]+', ' ', 'g')) $$`.execute(
    db,
  );
  // One normalised title per line; normalising turns any newline inside a title into a space. The
  // wrapper is named with its schema: a generated column is recomputed under any search_path (a
  // restore runs with an empty one).
  const { rows: current } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const normalize = sql.raw(`"${current[0]!.schema.replaceAll('"', '""')}".search_normalize`);
  await sql`create function movie_search_text(title text, alternates text[]) returns text
    language sql immutable parallel safe
    as $$ select string_agg(${normalize}(t), E'\n') from unnest(array_prepend(title, alternates)) as t $$`.execute(db);
  await sql`alter table movies add column alternate_titles text[] not null default '{}'`.execute(db);
  await sql`alter table movies add column search_text text not null
    generated always as (movie_search_text(title, alternate_titles)) stored`.execute(db);
  await sql`create index movies_search_text_trgm on movies using gin (search_text gin_trgm_ops)`.execute(db);
  await sql`drop index if exists movies_title_trgm`.execute(db);
  // Rows loaded before this migration have no alternate titles: the next `start` loads movies again
  // (an idempotent upsert), which fills them.
  await sql`delete from dataset_loads where step = 'movies'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists movies_title_trgm on movies using gin (lower(title) gin_trgm_ops)`.execute(db);
  await sql`alter table movies drop column if exists search_text`.execute(db);
  await sql`alter table movies drop column if exists alternate_titles`.execute(db);
  await sql`drop function if exists movie_search_text(text, text[])`.execute(db);
  await sql`drop function if exists search_normalize(text)`.execute(db);
}
