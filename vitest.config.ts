import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['functions', 'scripts', 'infra', 'web/vitest.config.ts', 'web/vitest.e2e.config.ts'],
    reporters: ['default', './vitest.summary-reporter.ts'],
  },
});
