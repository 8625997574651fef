/**
 * Which movies the recommendation lists may show. The catalog also holds TMDB-only movies that
 * nobody can watch (announced but unreleased, no release date, no genres, no votes); those stay
 * findable by search and on their own pages, but For You, By Genre, Because You Watched, Similar,
 * Trending, Top Rated and the seed movies leave them out.
 *
 * A movie is recommendable when it has a TMDB id (its page and poster need one), a year that is not
 * in the future, at least one genre, and either `minTmdbVotes` TMDB votes or `minRatings` ratings
 * here (MovieLens and this app's users). The adapters apply the rule where lists are built: the
 * index payload's `recommendable` flag (written by load-embeddings) and the SQL of Top Rated and
 * Trending.
 */
export interface RecommendableRule {
  /** TMDB votes that make a movie recommendable on their own (RECOMMEND_MIN_TMDB_VOTES). */
  minTmdbVotes: number;
  /** Ratings in this database that make a movie recommendable on their own (RECOMMEND_MIN_RATINGS). */
  minRatings: number;
}

/** 10 votes rules out TMDB's placeholder entries; one rating here means someone has seen it. */
export const DEFAULT_RECOMMENDABLE_RULE: RecommendableRule = { minTmdbVotes: 10, minRatings: 1 };
