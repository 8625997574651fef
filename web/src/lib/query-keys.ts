/**
 * Every query key in one place, so a feature's mutation can invalidate what another feature shows
 * (a rating changes For You, the rows, the profile) without the features importing each other.
 */
export const queryKeys = {
  /** Everything that depends on one user's ratings. */
  user: (userId: number) => ['user', userId] as const,
  /** The same for every user at once (signing out drops them all). */
  everyUser: () => ['user'] as const,
  recommendations: (userId: number, list: string, ...args: unknown[]) =>
    ['user', userId, 'recommendations', list, ...args] as const,
  ratings: (userId: number, ...args: unknown[]) => ['user', userId, 'ratings', ...args] as const,
  statistics: (userId: number) => ['user', userId, 'statistics'] as const,
  movie: (tmdbId: number, userId: number | null) => ['movie', tmdbId, userId] as const,
  similar: (tmdbId: number, userId: number | null) => ['similar', tmdbId, userId] as const,
  /** Every Similar row: a rating changes which movies each leaves out. */
  everySimilar: () => ['similar'] as const,
  /** Lists that do not depend on a user. */
  popular: (list: string, ...args: unknown[]) => ['popular', list, ...args] as const,
  users: (...args: unknown[]) => ['users', ...args] as const,
  search: (q: string, ...args: unknown[]) => ['search', q, ...args] as const,
  genres: () => ['genres'] as const,
  seedMovies: (genres: readonly string[], limit: number) => ['seed-movies', ...genres, limit] as const,
  status: () => ['status'] as const,
};
