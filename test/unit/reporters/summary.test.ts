import { afterEach, describe, expect, it, vi } from 'vitest';
import SummaryReporter, { PG_MISSING_LINE } from '../../reporters/summary.js';

describe('the closing summary line', () => {
  afterEach(() => vi.restoreAllMocks());

  const printed = (options: { pgMissing?: boolean }) => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    new SummaryReporter(options).onTestRunEnd([]);
    const text = write.mock.calls.map((call) => String(call[0])).join('');
    write.mockRestore();
    return text;
  };

  it('says once that the PostgreSQL suites did not run when vitest.config.ts found no binaries', () => {
    expect(printed({ pgMissing: true })).toBe(`\n${PG_MISSING_LINE}\nvitest: 0 passed, 0 failed\n`);
    expect(PG_MISSING_LINE).toBe('PostgreSQL not found: the test/pg suites did not run; install postgresql or run .ci/run');
  });

  it('says nothing about PostgreSQL when it was found', () => {
    expect(printed({})).toBe('\nvitest: 0 passed, 0 failed\n');
  });
});
