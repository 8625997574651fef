/**
 * Migrations are listed statically (not read from disk) so they survive bundling into a Lambda.
 * Names sort in the order they run.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as movieRatingStats from './0002-movie-rating-stats.js';
import * as historyVersion from './0003-history-version.js';
import * as titleSearch from './0004-title-search.js';
import * as recommendableTrending from './0005-recommendable-trending.js';
import * as catalogVersion from './0006-catalog-version.js';
import * as userRatingCount from './0007-user-rating-count.js';
import * as userListVersion from './0008-user-list-version.js';

const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-movie-rating-stats': movieRatingStats,
  '0003-history-version': historyVersion,
  '0004-title-search': titleSearch,
  '0005-recommendable-trending': recommendableTrending,
  '0006-catalog-version': catalogVersion,
  '0007-user-rating-count': userRatingCount,
  '0008-user-list-version': userListVersion,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
