// @vitest-environment node
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { API_TYPES_FILE, renderApiTypes } from './api-types.js';

it('the generated API client types match the API schemas (run `npm run generate:api -w web` if not)', async () => {
  const committed = await readFile(API_TYPES_FILE, 'utf-8');
  expect(committed === (await renderApiTypes()), 'src/lib/api/schema.gen.ts is stale').toBe(true);
});
