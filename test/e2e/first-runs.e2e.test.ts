import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORG_ROWS } from '../../src/seed/demo-org.js';
import { FEISHU_TEST_APP, feishuDemoOrgRows, feishuEnv, feishuIdsOf } from '../helpers/feishu.js';
import { E2E_ADMIN_TOKEN, importOrgThroughAdminApi, startServerProcess, tempDir, type ServerProcess } from '../helpers/feishu-server-process.js';
import { startFeishuSimulator, type FeishuSimulator, type SentRecord } from '../simulators/feishu/server.js';

/**
 * Day one of a real install: the service starts (jobs on) on an empty database at 10:00 on a Monday,
 * under faketime, the operator imports the org, then runs the jobs by hand, as the README says.
 * The start-up catch-up must not have used up the week or the month on the empty org.
 */
const MONDAY_1000 = { instant: '2026-11-30 10:00:00', zone: 'Asia/Shanghai' };
const reps = DEMO_ORG_ROWS.filter((r) => r.roles?.split(',').includes('rep')).map((r) => r.employee_no as string);
const managers = DEMO_ORG_ROWS.filter((r) => r.roles?.split(',').includes('manager')).map((r) => r.employee_no as string);
const leaders = DEMO_ORG_ROWS.filter((r) => r.is_leader === '是' && r.roles?.split(',').includes('rep')).map((r) => r.employee_no as string);
/** Who reviews: each team's leader, and the leaders' own manager (周总监) for their own results, one level up. */
const reviewers = [...leaders, ...new Set(DEMO_ORG_ROWS.filter((r) => leaders.includes(r.employee_no as string)).map((r) => r.manager_employee_no as string))];

const title = (record: SentRecord): string => (record.content as { header?: { title?: { content?: string } } }).header?.title?.content ?? '';

async function until(condition: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a fresh install sends on its first runs (real service under faketime, Monday 10:00)', () => {
  let sim: FeishuSimulator;
  let server: ServerProcess;
  let temp: ReturnType<typeof tempDir>;

  async function admin(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  const cardsTo = (employeeNo: string, titlePart: string) => sim.sent.filter((r) => r.receiveId === feishuIdsOf(employeeNo).open_id && title(r).includes(titlePart));

  async function waitForOutbox(): Promise<Record<string, number>> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const counts = (await admin('GET', '/admin/outbox')).json.counts as Record<string, number>;
      if (!counts.pending && !counts.sending) return counts;
      if (Date.now() > deadline) throw new Error(`outbox not drained: ${JSON.stringify(counts)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
    temp = tempDir();
    server = await startServerProcess({ ...feishuEnv(sim.url), JOBS_ENABLED: 'true' }, join(temp.dir, 'day-one.db'), { faketime: MONDAY_1000 });
  });
  afterAll(async () => {
    await server?.stop();
    await sim?.close();
    temp?.cleanup();
  });

  it('the start-up catch-up on the empty org recorded no run, so no period is used up', async () => {
    const jobs = await admin('GET', '/admin/jobs');
    expect(jobs.status).toBe(200);
    expect(jobs.json.runs).toEqual([]);
  });

  it('after the org import, a manual weekly-report run sends every rep and every manager exactly one card', async () => {
    await importOrgThroughAdminApi(server.url, feishuDemoOrgRows());
    const run = await admin('POST', '/admin/jobs/weekly-report/run', {});
    expect(run.status).toBe(200);
    expect(run.json).toMatchObject({ status: 'succeeded', periodKey: '2026-W48', result: { sent: reps.length + managers.length, alreadySent: 0 } });
    expect(run.json.summary).toContain(`新发送 ${reps.length + managers.length} 条消息`);

    await until(
      () => sim.sent.length >= reps.length + managers.length,
      30_000,
      () => `${reps.length + managers.length} cards, got ${sim.sent.length}`,
    );
    await waitForOutbox();
    for (const rep of reps) expect(cardsTo(rep, '周报'), `weekly card to ${rep}`).toHaveLength(1);
    for (const manager of managers) expect(cardsTo(manager, '团队排行'), `ranking card to ${manager}`).toHaveLength(1);
    expect(sim.sent).toHaveLength(reps.length + managers.length);
  });

  it('a manual assessment run for last month creates the reviews and sends each leader a review card', async () => {
    const run = await admin('POST', '/admin/jobs/assessment/run', {});
    expect(run.status).toBe(200);
    expect(run.json).toMatchObject({ status: 'succeeded', periodKey: '2026-10', result: { sent: reviewers.length, details: { created: reviewers.length, existing: 0 } } });
    const assessments = await admin('GET', '/admin/assessments/2026-10');
    expect(assessments.status).toBe(200);
    expect(JSON.stringify(assessments.json)).toContain('in_review');
    await until(
      () => reviewers.every((reviewer) => cardsTo(reviewer, '复核').length === 1),
      30_000,
      () => `review cards to ${reviewers.join(', ')}; sent: ${sim.sent.map(title).join(' | ')}`,
    );
  });

  it('forced second runs send nothing twice, and say so', async () => {
    const before = sim.sent.length;
    const weekly = await admin('POST', '/admin/jobs/weekly-report/run', { period: '2026-W48', force: true });
    expect(weekly.json).toMatchObject({ status: 'succeeded', forced: true, result: { sent: 0, alreadySent: reps.length + managers.length } });
    expect(weekly.json.summary).toContain(`${reps.length + managers.length} 条此前已发送，未重复发送`);
    const assessment = await admin('POST', '/admin/jobs/assessment/run', { period: '2026-10', force: true });
    expect(assessment.json).toMatchObject({ status: 'succeeded', forced: true, result: { sent: 0, alreadySent: reviewers.length, details: { created: 0, existing: reviewers.length } } });
    // Nothing new was queued, so nothing can still be on its way: the simulator has what it had.
    expect((await waitForOutbox()).sent).toBe(before);
    expect(sim.sent.length).toBe(before);

    const unforced = await admin('POST', '/admin/jobs/weekly-report/run', { period: '2026-W48' });
    expect(unforced.json).toMatchObject({ status: 'skipped', reason: 'already-ran' });
    expect(unforced.json.summary).toContain('"force": true');
  });
});
