import { expect, it } from 'vitest';
import { openApiDocument } from './openapi-document.js';
import { useApiWorld } from './testing/api-runtime.js';

const world = useApiWorld();

it('is the document the server publishes, built without reaching any service', async () => {
  const served = await (await world.api.request('/api/openapi.json')).json();
  expect(openApiDocument()).toEqual(served);
});
