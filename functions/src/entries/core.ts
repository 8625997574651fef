/** What scripts/ uses of the core: errors, catalog vocabulary, seeded randomness, job options. */
export * from '../core/errors.js';
export * from '../core/catalog/catalog-movie.js';
export * from '../core/catalog/genres.js';
export * from '../core/catalog/movie-metadata.js';
export * from '../core/catalog/movielens-title.js';
export * from '../core/ingestion/load-embeddings.js';
export * from '../core/recommendations/vector-index.port.js';
export * from '../core/seeded-random.js';
export * from '../core/trending/trending-options.js';
