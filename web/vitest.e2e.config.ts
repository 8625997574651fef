import { defineProject } from 'vitest/config';

/**
 * The end-to-end specs: Debian's chromium driven by playwright-core against the local server over
 * the prepared real data (ml-latest-small, the trained model) and the built app. One server and one
 * browser for the run (tests/support/global-setup.ts); files one after another on this small machine.
 */
export default defineProject({
  test: {
    name: 'web-e2e',
    environment: 'node',
    include: ['tests/**/*.spec.ts'],
    globalSetup: ['./tests/support/global-setup.ts'],
    fileParallelism: false,
    // Generous: under `npm test` the other projects' tests share the machine's two cores.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
