import { describe, expect, it } from 'vitest';
import { createRunProgress } from '../../../src/jobs/run-progress.js';

describe('createRunProgress', () => {
  it('stores about a hundred times for a long run, always the first and the last report, and passes every report on', async () => {
    const stored: [number, number][] = [];
    const passed: number[] = [];
    const progress = createRunProgress(async (done, total) => void stored.push([done, total]), (done) => void passed.push(done));
    for (let done = 1; done <= 10_000; done += 1) await progress(done, 10_000);
    expect(stored[0]).toEqual([1, 10_000]);
    expect(stored.at(-1)).toEqual([10_000, 10_000]);
    expect(stored).toHaveLength(101);
    expect(passed).toHaveLength(10_000);
  });

  it('stores a repeated report once and a changed total at once', async () => {
    const stored: [number, number][] = [];
    const progress = createRunProgress(async (done, total) => void stored.push([done, total]), undefined);
    await progress(5, 5);
    await progress(5, 5);
    await progress(5, 6);
    expect(stored).toEqual([[5, 5], [5, 6]]);
  });
});
