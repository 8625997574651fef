/** Writes src/lib/api/schema.gen.ts from the API's schemas (run after changing an API shape). */
import { readFile, writeFile } from 'node:fs/promises';
import { API_TYPES_FILE, renderApiTypes } from './api-types.js';

const next = await renderApiTypes();
const current = await readFile(API_TYPES_FILE, 'utf-8').catch(() => null);
if (current === next) console.log(`${API_TYPES_FILE} is up to date`);
else {
  await writeFile(API_TYPES_FILE, next);
  console.log(`wrote ${API_TYPES_FILE}`);
}
