/**
 * Ends a run with one plain line, `vitest: N passed, N failed, N skipped`, which log readers that do
 * not know vitest's own summary can still count. A failure outside any test (a failing `beforeAll`,
 * a file that does not load, an unhandled error) counts as one failure, so the line never hides it.
 */
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const counts = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    let outsideTests = unhandledErrors.length;
    for (const module of testModules) {
      for (const test of module.children.allTests()) counts[test.result().state] += 1;
      const failedHere = [...module.children.allTests('failed')].length;
      const failedSetup =
        module.errors().length > 0 || [...module.children.allSuites()].some((s) => s.errors().length > 0);
      if (failedHere === 0 && (failedSetup || module.state() === 'failed')) outsideTests += 1;
    }
    process.stdout.write(
      `\nvitest: ${counts.passed} passed, ${counts.failed + outsideTests} failed, ${counts.skipped + counts.pending} skipped\n`,
    );
  }
}
