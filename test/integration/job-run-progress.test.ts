import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extendDeps } from '../../src/features/deps.js';
import { quietResult, type JobDefinition } from '../../src/jobs/job.js';
import { createJobRunner } from '../../src/jobs/runner.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/test-app.js';

const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

async function runView(t: TestApp, id: number) {
  const response = await t.app.inject({ method: 'GET', url: `/admin/jobs/runs/${id}`, headers: auth });
  return { status: response.statusCode, body: response.json() as { id: number; job: string; status: string; progress: { done: number; total: number } | null } };
}

async function runIdOf(t: TestApp, job: string): Promise<number> {
  const listing = (await t.app.inject({ method: 'GET', url: '/admin/jobs', headers: auth })).json() as { runs: { id: number; job: string }[] };
  return listing.runs.find((r) => r.job === job)!.id;
}

describe('GET /admin/jobs/runs/:id shows how far a run got', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ now: '2026-11-30T09:00:00+08:00' });
  });
  afterEach(async () => t.close());

  it('shows a running job its progress as it goes, then the final {done, total}', async () => {
    const seen: ({ done: number; total: number } | null)[] = [];
    // A job of 300 items that looks at its own run through the admin API halfway and before it starts.
    const countingJob: JobDefinition = {
      name: 'counting',
      description: 'test job',
      schedule: '0 0 * * *',
      periodFor: () => 'p1',
      validatePeriod: () => null,
      async run(_deps, { progress }) {
        const id = await runIdOf(t, 'counting');
        seen.push((await runView(t, id)).body.progress);
        for (let done = 1; done <= 300; done += 1) {
          await progress?.(done, 300);
          if (done === 150) seen.push((await runView(t, id)).body.progress);
        }
        return quietResult({});
      },
    };
    const told: number[] = [];
    const runner = createJobRunner(extendDeps(t.app.botDeps, { directories: () => [] }), [countingJob]);
    const outcome = await runner.run('counting', { trigger: 'manual', onProgress: (done) => void told.push(done) });
    expect(outcome.status).toBe('succeeded');
    // Stored every hundredth of the way (3 items here), so halfway is stored as exactly 150.
    expect(seen).toEqual([null, { done: 150, total: 300 }]);
    const final = await runView(t, await runIdOf(t, 'counting'));
    expect(final).toMatchObject({ status: 200, body: { job: 'counting', status: 'succeeded', progress: { done: 300, total: 300 } } });
    // The caller (the CLI bar) hears every step.
    expect(told).toHaveLength(300);
    expect(told.at(-1)).toBe(300);
  });

  it('the weekly report counts its recipients, reps then managers, up to all of them', async () => {
    const run = await t.app.inject({ method: 'POST', url: '/admin/jobs/weekly-report/run', headers: auth, payload: { period: '2026-W48' } });
    expect(run.json()).toMatchObject({ status: 'succeeded' });
    const view = await runView(t, await runIdOf(t, 'weekly-report'));
    expect(view.body.progress).not.toBeNull();
    const { done, total } = view.body.progress!;
    expect(done).toBe(total);
    // Demo org: 12 reps scored for the week and 3 managers.
    expect(total).toBe(15);
  });

  it('answers 404 for an unknown run and 401 without the admin token', async () => {
    expect((await runView(t, 999_999)).status).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/admin/jobs/runs/1' })).statusCode).toBe(401);
  });
});
