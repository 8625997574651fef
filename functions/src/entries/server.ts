/** The local HTTP server (every endpoint group, the built SPA). */
export * from '../server/local-server.js';
