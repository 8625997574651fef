import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['functions', 'scripts'],
    reporters: ['default', './vitest.summary-reporter.ts'],
  },
});
