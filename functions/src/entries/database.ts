/** The database for scripts/: opening and migrating it, and the repositories the loaders and commands use. */
export * from '../adapters/postgres/database.js';
export * from '../adapters/postgres/migrate.js';
export * from '../adapters/postgres/scratch-databases.js';
export * from '../adapters/postgres/repositories/catalog.store.js';
export * from '../adapters/postgres/repositories/movies.repository.js';
export * from '../adapters/postgres/repositories/ratings.repository.js';
export * from '../adapters/postgres/repositories/rating-staging.js';
export * from '../adapters/postgres/repositories/stats.repository.js';
export * from '../adapters/postgres/repositories/trending.repository.js';
export * from '../adapters/postgres/repositories/users.repository.js';
export * from '../adapters/postgres/repositories/write-counts.js';
