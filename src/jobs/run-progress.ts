import type { OnProgress } from '../features/progress.js';

/** About a hundred row writes for a whole run, however many recipients: progress must not cost more than the work. */
const STORED_STEPS = 100;

/**
 * The progress callback a job gets: stored on its run row (in the database rather than in memory, so
 * `GET /admin/jobs/runs/:id` shows a run started by the CLI or by another instance), a hundredth of the
 * way at a time and always at the end, and passed on unthrottled to the caller (the CLI bar).
 */
export function createRunProgress(store: (done: number, total: number) => Promise<void>, onProgress: OnProgress | undefined): OnProgress {
  let storedDone = -1;
  let storedTotal = -1;
  return async (done, total) => {
    const step = Math.max(1, Math.ceil(total / STORED_STEPS));
    const changed = done !== storedDone || total !== storedTotal;
    // Stored on each multiple of the step (and the first and last reports), whatever sizes the job's steps have.
    if (changed && (done === total || total !== storedTotal || Math.floor(done / step) > Math.floor(storedDone / step))) {
      storedDone = done;
      storedTotal = total;
      await store(done, total);
    }
    await onProgress?.(done, total);
  };
}
