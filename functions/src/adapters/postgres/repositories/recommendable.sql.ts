/** core/catalog/recommendable.ts's rule as SQL over `movies m` left-joined to `movie_rating_stats s`. */
import { sql } from 'kysely';
import type { RecommendableRule } from '../../../core/catalog/recommendable.js';

export function recommendableSql(rule: RecommendableRule) {
  return sql<boolean>`(m.tmdb_id is not null and m.year is not null
    and m.year <= extract(year from current_date) and cardinality(m.genres) > 0
    and (coalesce(m.vote_count, 0) >= ${rule.minTmdbVotes} or coalesce(s.rating_count, 0) >= ${rule.minRatings}))`;
}
