/**
 * The web client's types, rendered from the API's OpenAPI document (built from the functions' zod
 * schemas, no server). openapi-typescript turns it into `paths` and `components`, which
 * openapi-fetch types every call with; nothing about the API is written by hand in web/.
 */
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocument } from '@movierec/functions/openapi';

export const API_TYPES_FILE = fileURLToPath(new URL('../src/lib/api/schema.gen.ts', import.meta.url));

const HEADER = `/**
 * Generated from the API's OpenAPI document by \`npm run generate:api -w web\`. Do not edit:
 * a test fails when regenerating would change this file.
 */
`;

export async function renderApiTypes(): Promise<string> {
  // The document is plain JSON; openapi-typescript's own types for it are stricter than zod-openapi's.
  const document = JSON.parse(JSON.stringify(openApiDocument()));
  return HEADER + astToString(await openapiTS(document, { alphabetize: true }));
}
