import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: e2e suites spawn real server processes, so keep parallelism modest.
    maxWorkers: 2,
    reporters: ['default', './test/reporters/summary.ts'],
  },
});
