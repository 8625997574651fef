/**
 * Secrets Manager: reads a secret's string (the deployment keeps the database URL, the Qdrant key
 * and the TMDB key there, never in the template or the function's environment).
 * @module
 */
export { createSecretReader, type SecretReader } from './secret-reader.js';
