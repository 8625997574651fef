/** Test support for scripts/' tests: throwaway databases, the generated API world, the fake TMDB, the prepared real data. */
export * from '../../adapters/postgres/testing/test-databases.js';
export * from '../../adapters/postgres/testing/use-test-database.js';
export * from '../../apps/testing/api-fixture.js';
export * from '../../adapters/tmdb/fake-tmdb-server.js';
export * from '../../testing/real-data.js';
export * from '../../testing/prepared-app.js';
