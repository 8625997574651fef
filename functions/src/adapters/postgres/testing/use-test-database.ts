/**
 * Vitest hooks that give a suite (or each of its tests) a fresh migrated database on one driver and
 * drop it afterwards. Kept apart from test-databases.ts, which the benchmarks import outside vitest.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { DatabaseDriver } from '../../../config/env.js';
import { createTestDatabase, type TestDatabase } from './test-databases.js';

/** The returned object reads the current database lazily, so it is usable inside the tests only. */
export function useTestDatabase(driver: DatabaseDriver, scope: 'suite' | 'test' = 'suite'): TestDatabase {
  let current: TestDatabase | undefined;
  const [before, after] = scope === 'suite' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    current = await createTestDatabase(driver);
  });
  after(() => current?.dispose());
  const get = (): TestDatabase => {
    if (!current) throw new Error('the test database exists only while a test runs');
    return current;
  };
  return {
    get db() {
      return get().db;
    },
    get config() {
      return get().config;
    },
    dispose: () => get().dispose(),
  };
}
