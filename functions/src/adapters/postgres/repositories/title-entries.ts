/** What the in-memory title index is built from, and the version that says when to rebuild it. */
import { sql } from 'kysely';
import type { TitleEntry, TitleSource } from '../../title-index/index.js';
import type { Db } from '../database.js';

export function createTitleSource(db: Db): TitleSource {
  return {
    async version() {
      const row = await db.selectFrom('catalog_version').select('version').executeTakeFirstOrThrow();
      return String(row.version);
    },

    async entries() {
      const { rows } = await sql<TitleEntry>`
        select m.id, string_to_array(m.search_text, chr(10)) as titles,
               coalesce(m.vote_count, 0)::int as "voteCount", coalesce(s.rating_count, 0)::int as "ratingCount"
        from movies m left join movie_rating_stats s on s.movie_id = m.id`.execute(db);
      return rows;
    },
  };
}
