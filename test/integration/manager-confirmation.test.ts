import { and, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { queryRows, tablesOf } from '../../src/db/dialect.js';
import type { CardAction, CardModel } from '../../src/domain/card-model.js';
import { createKpiScorecardRepository } from '../../src/db/repositories/kpi-scorecard-repository.js';
import { periodContaining } from '../../src/domain/period.js';
import { kpiRecords } from '../helpers/kpi-records.js';
import { replyText, sandboxChat } from '../helpers/sandbox-chat.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * 确认 / 存疑 on the manager's Monday digest (issue 17): typed visits and training of the week, each
 * clicked the way the manager (or someone else) would click it in the sandbox chat. The shipped
 * template counts visits only when located or manager-confirmed.
 */

const MONDAY = '2026-11-30T09:00:00+08:00';

async function drainOutbox(t: TestApp): Promise<void> {
  for (;;) {
    const c = await t.app.botDeps.outbox.tick(500);
    if (c.sent + c.retried + c.failed === 0) return;
  }
}

async function digestCard(t: TestApp): Promise<CardModel> {
  await t.app.jobs.run('weekly-report', { trigger: 'schedule', now: t.clock.now });
  await drainOutbox(t);
  const cards = (await sandboxChat(t.app, 'S100').transcript()).flatMap((m) => (m.payload.type === 'card' && m.payload.card.template === 'weekly-ranking' ? [m.payload.card] : []));
  expect(cards).toHaveLength(1);
  return cards[0]!;
}

/** The 确认 / 存疑 actions on the card, in the order shown. */
const verifyActions = (card: CardModel, label: '确认' | '存疑'): CardAction[] =>
  card.elements.flatMap((e) => (e.type === 'actions' ? e.buttons : [])).filter((b) => b.label === label && b.action.command.startsWith('verify.')).map((b) => ({ command: b.action.command, args: b.action.args ?? {} }));

async function row(t: TestApp, table: 'visits' | 'trainings', id: string) {
  const rows = await queryRows<{ verification: string; doubtedAt: number | null; doubtedBy: number | null }>(
    t.db,
    sql`SELECT verification, doubted_at AS "doubtedAt", doubted_by AS "doubtedBy" FROM ${sql.identifier(table)} WHERE id = ${Number(id)}`,
  );
  return rows[0]!;
}

async function countedVisits(t: TestApp, employeeNo: string): Promise<number> {
  const userId = (await t.app.botDeps.org.getUserByEmployeeNo(employeeNo))!.id;
  const scores = await createKpiScorecardRepository(t.db).scorePeriod(periodContaining('month', t.clock.now, 'Asia/Shanghai'), { userIds: new Set([userId]) });
  const line = scores.reps[0]!.scorecard.lines.find((l) => l.indicator.key === 'visits')!;
  return line.actual ? Number(line.actual.n) / Number(line.actual.d) : 0;
}

/** 张三 (S101) typed two visits and a training in the week; 李四 (S102) typed four visits. */
async function seed(t: TestApp): Promise<void> {
  const zhang = await kpiRecords(t.db, 'S101');
  await zhang.visits([await zhang.customer()], 2, '2026-11-25');
  await zhang.training(120, '2026-11-24');
  await zhang.visits([await zhang.customer()], 1, '2026-11-26', 'located');
  const li = await kpiRecords(t.db, 'S102');
  await li.visits([await li.customer()], 4, '2026-11-27');
}

describe('确认 / 存疑 of typed records on the Monday digest', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  it('lists at most three with buttons (DingTalk’s button lists) and says how many more; the located visit is not listed', async () => {
    t = await createTestApp({ now: MONDAY });
    await seed(t);
    const text = replyText({ type: 'card', card: await digestCard(t) });
    expect(text).toContain('待确认的自报记录**（7 条，确认后计入考核）');
    expect(text).toContain('张三 · 11-24 培训 产品培训');
    expect(text).toContain('张三 · 11-25 拜访 S101客户1');
    expect(text).not.toContain('S101客户2');
    expect(text).toContain('另有 4 条');
    expect(verifyActions(await digestCard(t), '确认')).toHaveLength(3);
  });

  it('确认 makes the visit manager-verified and the rep’s counted visits go up; a second click changes nothing', async () => {
    t = await createTestApp({ now: MONDAY });
    await seed(t);
    const card = await digestCard(t);
    const confirm = verifyActions(card, '确认').find((a) => a.args?.kind === 'visit')!;
    expect(await countedVisits(t, 'S101')).toBe(1);
    const manager = sandboxChat(t.app, 'S100');
    expect((await manager.click(undefined, confirm)).toast).toEqual({ kind: 'success', text: '已确认 张三 的记录' });
    expect((await row(t, 'visits', confirm.args!.id!)).verification).toBe('manager');
    expect(await countedVisits(t, 'S101')).toBe(2);
    const { auditLog } = tablesOf(t.db);
    const audit = await t.db.select({ actor: auditLog.actorUserId }).from(auditLog).where(and(eq(auditLog.entity, 'visit'), eq(auditLog.entityId, confirm.args!.id!), eq(auditLog.action, 'visit.update')));
    expect(audit).toEqual([{ actor: (await t.app.botDeps.org.getUserByEmployeeNo('S100'))!.id }]);
    expect((await manager.click(undefined, confirm)).toast).toEqual({ kind: 'info', text: '这条记录已处理过' });
    expect(await countedVisits(t, 'S101')).toBe(2);

    const training = verifyActions(card, '确认').find((a) => a.args?.kind === 'training')!;
    await manager.click(undefined, training);
    expect((await row(t, 'trainings', training.args!.id!)).verification).toBe('manager');
  });

  it('存疑 keeps the visit typed, marks it doubted and tells the rep once', async () => {
    t = await createTestApp({ now: MONDAY });
    await seed(t);
    const doubt = verifyActions(await digestCard(t), '存疑').find((a) => a.args?.kind === 'visit')!;
    const manager = sandboxChat(t.app, 'S100');
    expect((await manager.click(undefined, doubt)).toast).toEqual({ kind: 'success', text: '已标记存疑，并通知 张三 补充' });
    expect((await manager.click(undefined, doubt)).toast).toEqual({ kind: 'info', text: '这条记录已处理过' });
    await drainOutbox(t);
    const told = (await sandboxChat(t.app, 'S101').transcript()).map(replyText).filter((x) => x.includes('存疑'));
    expect(told).toEqual(['王经理 对你 11-25 拜访 S101客户1 的记录存疑，请补充']);
    const stored = await row(t, 'visits', doubt.args!.id!);
    expect(stored).toEqual({ verification: 'self', doubtedAt: t.clock.now, doubtedBy: (await t.app.botDeps.org.getUserByEmployeeNo('S100'))!.id });
    expect(await countedVisits(t, 'S101')).toBe(1);
  });

  it('an admin may confirm; HR, who sees every record, may not', async () => {
    t = await createTestApp({ now: MONDAY });
    await seed(t);
    const confirm = verifyActions(await digestCard(t), '确认').find((a) => a.args?.kind === 'visit')!;
    expect((await sandboxChat(t.app, 'H001').click(undefined, confirm)).toast).toMatchObject({ kind: 'error' });
    expect((await row(t, 'visits', confirm.args!.id!)).verification).toBe('self');
    expect((await sandboxChat(t.app, 'A001').click(undefined, confirm)).toast).toEqual({ kind: 'success', text: '已确认 张三 的记录' });
    expect((await row(t, 'visits', confirm.args!.id!)).verification).toBe('manager');
  });

  for (const who of [
    { name: 'the rep himself', employeeNo: 'S101' },
    { name: 'a teammate', employeeNo: 'S102' },
    { name: 'another team’s manager', employeeNo: 'S200' },
  ]) {
    it(`${who.name} clicking 确认 or 存疑 is refused and nothing changes`, async () => {
      t = await createTestApp({ now: MONDAY });
      await seed(t);
      const card = await digestCard(t);
      const confirm = verifyActions(card, '确认').find((a) => a.args?.kind === 'visit')!;
      const doubt = verifyActions(card, '存疑').find((a) => a.args?.kind === 'visit')!;
      const chat = sandboxChat(t.app, who.employeeNo);
      for (const action of [confirm, doubt]) {
        expect((await chat.click(undefined, action)).toast).toMatchObject({ kind: 'error', text: expect.stringContaining('只有该成员的上级经理或管理员可以确认或存疑') });
      }
      expect(await row(t, 'visits', confirm.args!.id!)).toEqual({ verification: 'self', doubtedAt: null, doubtedBy: null });
      await drainOutbox(t);
      expect((await sandboxChat(t.app, 'S101').transcript()).map(replyText).filter((x) => x.includes('存疑'))).toEqual([]);
    });
  }
});
