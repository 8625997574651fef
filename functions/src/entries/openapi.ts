/** The API's OpenAPI document, built from the apps' zod schemas without a server (the web client's source). */
export * from '../apps/openapi-document.js';
