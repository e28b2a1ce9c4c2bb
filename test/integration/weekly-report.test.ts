import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../src/db/dialect.js';
import type { CardModel } from '../../src/domain/card-model.js';
import { catchUpMissedRuns } from '../../src/jobs/catch-up.js';
import { createJobRunner } from '../../src/jobs/runner.js';
import { extendDeps } from '../../src/features/deps.js';
import { importOrg } from '../../src/features/org/import.js';
import { readJsonRows } from '../../src/features/imports/tabular.js';
import { kpiRecords } from '../helpers/kpi-records.js';
import { findButton, replyText, sandboxChat, type SandboxMessage } from '../helpers/sandbox-chat.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/test-app.js';

const catchUpMissedRunOutcomes = async (...args: Parameters<typeof catchUpMissedRuns>) => (await catchUpMissedRuns(...args)).outcomes;

/** Only the weekly report catches up here: other jobs (the monthly assessment) would send their own cards. */
const weeklyRunner = (app: TestApp) => createJobRunner(extendDeps(app.app.botDeps, { directories: () => [] }), app.app.jobs.jobs.filter((job) => job.name === 'weekly-report'));

const MONDAY_0900 = Date.parse('2026-11-30T09:00:00+08:00');
const MONDAY_1000 = Date.parse('2026-11-30T10:00:00+08:00');

/** Demo org: 12 people with the rep role (S100, S101..S105, S200, S201..S205), 3 managers (S000, S100, S200). */
const ACTIVE_REPS = 12;
const MANAGERS = 3;

async function cardsOf(t: TestApp, employeeNo: string, template: string): Promise<CardModel[]> {
  const messages: SandboxMessage[] = await sandboxChat(t.app, employeeNo).transcript();
  return messages.flatMap((m) => (m.direction === 'out' && m.payload.type === 'card' && m.payload.card.template === template ? [m.payload.card] : []));
}

async function deliverAll(t: TestApp): Promise<number> {
  let sent = 0;
  for (;;) {
    const counts = await t.app.botDeps.outbox.tick(500);
    sent += counts.sent;
    if (counts.sent + counts.retried + counts.failed === 0) return sent;
  }
}

describe('weekly-report job (Monday 09:00 Asia/Shanghai)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ now: '2026-11-30T09:00:00+08:00' });
    const zhang = await kpiRecords(t.db, 'S101');
    const customer = await zhang.customer();
    const deal = await zhang.deal(customer, 3_100_000, 'won', '2026-11-18');
    await zhang.payment(deal, customer, 1_000_000, '2026-11-18'); // week 47
    await zhang.payment(deal, customer, 2_100_000, '2026-11-25'); // week 48
    await zhang.visits([customer], 8, '2026-11-24', 'located');
    await zhang.visits([customer], 2, '2026-11-17', 'located');
    const li = await kpiRecords(t.db, 'S102');
    const liCustomer = await li.customer();
    await li.visits([liCustomer], 12, '2026-11-17', 'located'); // visits in week 47 only
  });
  afterEach(async () => t.close());

  it('covers the ISO week that just ended and queues a KPI card per rep and a ranking card per manager', async () => {
    const outcome = await t.app.jobs.run('weekly-report', { trigger: 'schedule', now: MONDAY_0900 });
    expect(outcome).toMatchObject({ status: 'succeeded', periodKey: '2026-W48', result: { sent: ACTIVE_REPS + MANAGERS, details: { repCards: ACTIVE_REPS, managerCards: MANAGERS } } });
    expect(await deliverAll(t)).toBe(ACTIVE_REPS + MANAGERS);

    const [card] = await cardsOf(t, 'S101', 'weekly-kpi');
    expect(card).toBeDefined();
    const text = replyText({ type: 'card', card: card as CardModel });
    expect(text).toContain('张三 · 2026-W48 周报');
    expect(text).toContain('2026-11-23 ~ 2026-11-29');
    // Week 48 collected 2.1万 against a weekly target of 10万 × 7/30; better than week 47 (1万): ↑
    expect(text).toContain('**回款额** 2.1万 / 2.33万 · 达成 90% ↑');
    expect(text).toMatch(/\*\*拜访次数\*\* 8 \/ 9\.33 · 达成 85\.7% ↑/);
    // Only 张三 recorded anything in week 48: the rank counts reps with data only.
    expect(text).toContain('组内排名: 第 1 / 1 名');
    // Month to date: 3.1万 of 10万 collected; Monday 30 November leaves one day.
    expect(text).toContain('本月回款额还差 6.9万，剩 1 天');
    expect(card?.elements).toContainEqual({ type: 'link', label: '打开业绩看板', url: `${t.config.publicBaseUrl}/app/#/dashboard?period=2026-W48` });
    expect(text).toContain('[记拜访]');

    const [ranking] = await cardsOf(t, 'S100', 'weekly-ranking');
    const rankingText = replyText({ type: 'card', card: ranking as CardModel });
    expect(rankingText).toContain('华东一组 · 2026-W48 团队排行');
    expect(rankingText).toMatch(/1\. 张三 [\d.]+\([A-DS]\)/);
    // 李四 visited only in week 47: highlighted; 张三 visited this week: not.
    // 李四 recorded nothing in week 48: listed apart, unranked, and named among those without visits.
    expect(rankingText).toMatch(/^本期无数据，不参与排名：李四/m);
    expect(rankingText).toMatch(/本周无拜访\*\*（4 人）：李四/);
    expect(rankingText).not.toMatch(/张三[^\n]*⚠️本周无拜访/);
    expect(rankingText).toMatch(/\*\*本周无拜访\*\*（4 人）/);
    // The director sees everyone below them, the other team's manager only their own team.
    expect(replyText({ type: 'card', card: (await cardsOf(t, 'S000', 'weekly-ranking'))[0] as CardModel })).toContain('张三');
    expect(replyText({ type: 'card', card: (await cardsOf(t, 'S200', 'weekly-ranking'))[0] as CardModel })).not.toContain('张三');
    // HR and admins are not reps: no KPI card.
    expect(await cardsOf(t, 'H001', 'weekly-kpi')).toEqual([]);
  });

  it("the card's 记拜访 button opens the visit form, through the same router as typed text", async () => {
    await t.app.jobs.run('weekly-report', { trigger: 'schedule', now: MONDAY_0900 });
    await deliverAll(t);
    const [card] = await cardsOf(t, 'S101', 'weekly-kpi');
    const { action } = findButton(card as CardModel, '记拜访');
    const response = await sandboxChat(t.app, 'S101').click(undefined, { command: action.command, args: action.args ?? {} });
    const form = response.card ?? (response.sent[0]?.type === 'card' ? response.sent[0].card : undefined);
    expect(form?.elements.some((e) => e.type === 'form')).toBe(true);
  });

  it('a second run, a manual run or a catch-up of the same week sends nothing twice', async () => {
    await t.app.jobs.run('weekly-report', { trigger: 'schedule', now: MONDAY_0900 });
    await deliverAll(t);
    const again = await t.app.jobs.run('weekly-report', { trigger: 'schedule', now: MONDAY_0900 + 30_000 });
    expect(again).toMatchObject({ status: 'skipped', reason: 'already-ran' });
    expect(await catchUpMissedRunOutcomes(weeklyRunner(t), { now: MONDAY_1000, timezone: 'Asia/Shanghai' })).toEqual([]);

    // Even when the job_runs row is gone (an admin forces a re-run), the outbox keys hold.
    const { jobRuns } = tablesOf(t.db);
    await t.db.delete(jobRuns).where(eq(jobRuns.job, 'weekly-report'));
    const forced = await t.app.jobs.run('weekly-report', { trigger: 'manual', periodKey: '2026-W48', now: MONDAY_1000 });
    expect(forced).toMatchObject({ status: 'succeeded', result: { sent: 0, alreadySent: ACTIVE_REPS + MANAGERS } });
    expect(await deliverAll(t)).toBe(0);
    expect(await cardsOf(t, 'S101', 'weekly-kpi')).toHaveLength(1);
    expect(await cardsOf(t, 'S100', 'weekly-ranking')).toHaveLength(1);
  });

  it('a service started at 10:00 on Monday catches the missed 09:00 run up once', async () => {
    t.clock.set('2026-11-30T10:00:00+08:00');
    const outcomes = await catchUpMissedRunOutcomes(weeklyRunner(t), { now: MONDAY_1000, timezone: 'Asia/Shanghai' });
    expect(outcomes).toMatchObject([{ job: 'weekly-report', status: 'succeeded', periodKey: '2026-W48', result: { sent: ACTIVE_REPS + MANAGERS } }]);
    const { jobRuns } = tablesOf(t.db);
    const rows = await t.db.select({ trigger: jobRuns.trigger }).from(jobRuns).where(eq(jobRuns.job, 'weekly-report'));
    expect(rows.map((row) => row.trigger)).toEqual(['catch-up']);
    expect(await catchUpMissedRunOutcomes(weeklyRunner(t), { now: MONDAY_1000 + 3_600_000, timezone: 'Asia/Shanghai' })).toEqual([]);
    await deliverAll(t);
    expect(await cardsOf(t, 'S101', 'weekly-kpi')).toHaveLength(1);
  });

  it('a run cut short by a crash (left "running") is run again by the start-up catch-up, still one card each', async () => {
    // The crashed process had claimed the period and queued some cards before dying.
    await t.db.insert(tablesOf(t.db).jobRuns).values({ job: 'weekly-report', periodKey: '2026-W48', trigger: 'schedule', status: 'running', startedAt: MONDAY_0900 });
    const s101 = (await t.app.botDeps.org.getUserByEmployeeNo('S101'))!.id;
    await t.app.botDeps.outbox.enqueue([{ idempotencyKey: `weekly-report:2026-W48:user-${s101}`, platform: 'sandbox', target: { kind: 'user', recipient: { platform: 'sandbox', userRef: String(s101) } }, payload: { type: 'text', text: 'partial' } }]);
    const outcomes = await catchUpMissedRunOutcomes(weeklyRunner(t), { now: MONDAY_1000, timezone: 'Asia/Shanghai' });
    expect(outcomes).toMatchObject([{ job: 'weekly-report', status: 'succeeded', result: { sent: ACTIVE_REPS + MANAGERS - 1, alreadySent: 1 } }]);
    await deliverAll(t);
    expect((await sandboxChat(t.app, 'S101').transcript()).filter((m) => m.direction === 'out')).toHaveLength(1);
  });

  it('honours a schedule from config (SCHEDULE_WEEKLY_REPORT) for the catch-up', async () => {
    // The org was imported the Friday before, so the 08:30 run is one this install really missed.
    const custom = await createTestApp({ env: { SCHEDULE_WEEKLY_REPORT: '30 8 * * 1' }, now: '2026-11-27T10:00:00+08:00' });
    try {
      const outcomes = await catchUpMissedRunOutcomes(weeklyRunner(custom), { now: Date.parse('2026-11-30T08:45:00+08:00'), timezone: 'Asia/Shanghai', schedules: custom.config.schedules });
      expect(outcomes).toMatchObject([{ job: 'weekly-report', periodKey: '2026-W48', status: 'succeeded' }]);
      const listing = await custom.app.inject({ method: 'GET', url: '/admin/jobs', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
      expect(listing.json().jobs).toContainEqual(expect.objectContaining({ name: 'weekly-report', schedule: '30 8 * * 1' }));
      expect(listing.json().jobs).toContainEqual(expect.objectContaining({ name: 'alerts', schedule: '0 18 * * *' }));
    } finally {
      await custom.close();
    }
  });

  it('a rep who sent 订阅 关 gets no weekly card, and gets it again after /subscribe on', async () => {
    const li = sandboxChat(t.app, 'S102');
    expect(replyText((await li.say('订阅 关'))[0] as SandboxMessage)).toContain('已关闭每周业绩周报');
    const off = await t.app.jobs.run('weekly-report', { trigger: 'manual', periodKey: '2026-W48', now: MONDAY_0900 });
    expect(off).toMatchObject({ result: { details: { repCards: ACTIVE_REPS - 1 }, skipped: { unsubscribed: 1 } } });
    await deliverAll(t);
    expect(await cardsOf(t, 'S102', 'weekly-kpi')).toEqual([]);
    // The manager's ranking still lists them: the switch is about their own card.
    expect(replyText({ type: 'card', card: (await cardsOf(t, 'S100', 'weekly-ranking'))[0] as CardModel })).toContain('李四');

    // The English slash form is answered in English.
    expect(replyText((await li.say('/subscribe on'))[0] as SandboxMessage)).toContain('Weekly KPI cards are on');
    await t.app.jobs.run('weekly-report', { trigger: 'manual', periodKey: '2026-W49', now: Date.parse('2026-12-07T09:00:00+08:00') });
    await deliverAll(t);
    expect((await cardsOf(t, 'S102', 'weekly-kpi')).map((c) => c.title)).toEqual(['李四 · 2026-W49 周报']);
  });

  it('the unsubscribe button on the card turns it off; a bad switch is refused and changes nothing', async () => {
    const zhang = sandboxChat(t.app, 'S101');
    expect(replyText((await zhang.say('订阅 也许'))[0] as SandboxMessage)).toContain('输入有误：请输入「订阅 开」或「订阅 关」');
    expect(replyText((await zhang.say('订阅'))[0] as SandboxMessage)).toContain('你目前接收每周业绩周报');
    const clicked = await zhang.click(undefined, { command: 'subscribe', args: { state: 'off' } });
    expect(clicked.toast?.text).toContain('已关闭');
    expect(replyText((await zhang.say('订阅'))[0] as SandboxMessage)).toContain('你目前不接收');
  });

  it('a large team’s ranking card shows the top 20 and links to the full ranking', async () => {
    const extra = Array.from({ length: 25 }, (_, i) => ({ department: '销售部/华东一组', name: `新人${i + 1}`, employee_no: `S1${String(i + 10).padStart(2, '0')}`, roles: 'rep' }));
    const imported = await importOrg(t.db, readJsonRows(extra), { now: t.clock.now, actorUserId: null, source: 'cli' });
    expect(imported.ok).toBe(true);
    await t.app.jobs.run('weekly-report', { trigger: 'schedule', now: MONDAY_0900 });
    await deliverAll(t);
    const [ranking] = await cardsOf(t, 'S100', 'weekly-ranking');
    const text = replyText({ type: 'card', card: ranking as CardModel });
    // The top 20: ranked reps in rows, the rest of them (no data this week) named apart in one line.
    const ranked = text.split('\n').filter((line) => /^\d+\. /.test(line)).length;
    const apart = /本期无数据，不参与排名：(.*)/.exec(text)?.[1]?.split('、').length ?? 0;
    expect(ranked).toBeGreaterThan(0);
    expect(ranked + apart).toBe(20);
    expect(text).toContain('仅显示前 20 名，共 30 人。');
    expect(ranking?.elements).toContainEqual({ type: 'link', label: '查看完整排行', url: `${t.config.publicBaseUrl}/app/#/team?period=2026-W48` });
  });

  it('refuses a period that is not a week', async () => {
    await expect(t.app.jobs.run('weekly-report', { trigger: 'manual', periodKey: '2026-11' })).rejects.toThrow(/ISO/);
  });
});
