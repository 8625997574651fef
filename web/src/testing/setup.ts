import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  // Node-environment tests (the generated-client check) have no storage.
  globalThis.localStorage?.clear();
});
