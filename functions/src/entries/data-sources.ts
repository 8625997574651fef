/** Where data comes from and goes to outside the database: TMDB (snapshot and API), embeddings files, the embedded index. */
export * from '../adapters/tmdb-snapshot/index.js';
export * from '../adapters/tmdb/index.js';
export * from '../adapters/embeddings-file/movie-embeddings.js';
export * from '../adapters/embedded-index/index.js';
export * from '../adapters/qdrant/index.js';
export * from '../adapters/qdrant/local-server.js';
