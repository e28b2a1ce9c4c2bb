import type { Reporter, TestModule } from 'vitest/node';

/** The line a run without PostgreSQL ends with, so that nobody mistakes it for a run of every suite. */
export const PG_MISSING_LINE = 'PostgreSQL not found: the test/pg suites did not run; install postgresql or run .ci/run';

/**
 * Prints the plain closing line CI reads: "vitest: N passed, N failed" (", N skipped" when any), and
 * PG_MISSING_LINE before it when vitest.config.ts found no PostgreSQL binaries.
 */
export default class SummaryReporter implements Reporter {
  private readonly pgMissing: boolean;

  constructor(options: { pgMissing?: boolean } = {}) {
    this.pgMissing = options.pgMissing ?? false;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed += 1;
    }
    if (this.pgMissing) process.stdout.write(`\n${PG_MISSING_LINE}`);
    process.stdout.write(`\nvitest: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
