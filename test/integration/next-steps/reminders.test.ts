import { asc, desc, eq, isNotNull } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import type { CardModel } from '../../../src/domain/card-model.js';
import { createManagerDigestFactsRepository } from '../../../src/db/repositories/manager-digest-facts.js';
import { catchUpMissedRuns, lastFireTime } from '../../../src/jobs/catch-up.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { buttonAction, cardOf, formOf, seedCustomer } from '../../helpers/records.js';

// 2026-12-31 09:00 in Shanghai is 01:00 UTC; the evening before is still the 30th there.
const NEW_YEARS_EVE_0900 = Date.parse('2026-12-31T01:00:00Z');
const DEC_30_2359 = Date.parse('2026-12-30T15:59:00Z');

async function remindersTo(t: TestApp, employeeNo: string): Promise<CardModel[]> {
  for (;;) {
    const c = await t.app.botDeps.outbox.tick(500);
    if (c.sent + c.retried + c.failed === 0) break;
  }
  return (await sandboxChat(t.app, employeeNo).transcript()).flatMap((m) => (m.payload.type === 'card' && m.payload.card.template === 'next-step-reminder' ? [m.payload.card as CardModel] : []));
}

/** The newest visit with a 下一步 (its id is the step's number). */
async function stepOf(t: TestApp): Promise<{ id: number }> {
  const { visits } = tablesOf(t.db);
  return (await t.db.select({ id: visits.id }).from(visits).where(isNotNull(visits.nextStep)).orderBy(desc(visits.id)).limit(1))[0]!;
}
async function stateOf(t: TestApp, id: number) {
  const { nextSteps } = tablesOf(t.db);
  const columns = { status: nextSteps.status, dueDate: nextSteps.dueDate, remindedFor: nextSteps.remindedFor, doneAt: nextSteps.doneAt };
  return (await t.db.select(columns).from(nextSteps).where(eq(nextSteps.visitId, id)))[0];
}
const run = (t: TestApp, now: number, force = false) => t.app.jobs.run('next-step-reminders', { trigger: force ? 'manual' : 'schedule', now, force });

describe('next-step reminders (daily 09:00 Asia/Shanghai)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-30T10:00:00+08:00' });
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
    await sandboxChat(t.app, 'S101').say('拜访 华为 聊了预算 下一步 12-31 发报价单');
  });
  afterEach(async () => t.close());

  it('a step due 2026-12-31 is reminded by the run at 09:00 Shanghai (01:00 UTC), not by the run the evening before', async () => {
    expect(lastFireTime('0 9 * * *', 'Asia/Shanghai', NEW_YEARS_EVE_0900 + 30 * 60_000)).toBe(NEW_YEARS_EVE_0900);
    const evening = await run(t, DEC_30_2359);
    expect(evening).toMatchObject({ status: 'succeeded', periodKey: '2026-12-30', result: { sent: 0, details: { due: 0 } } });

    const morning = await run(t, NEW_YEARS_EVE_0900);
    expect(morning).toMatchObject({ status: 'succeeded', periodKey: '2026-12-31', result: { sent: 1, alreadySent: 0, details: { due: 1 } } });
    const [card] = await remindersTo(t, 'S101');
    const text = replyText({ type: 'card', card: card! });
    expect(text).toContain('今日待办 · 华为技术有限公司');
    expect(text).toContain('发报价单');
    expect(text).toContain('[完成] [改期] [记拜访]');
    expect(await stateOf(t, (await stepOf(t)).id)).toMatchObject({ status: 'open', remindedFor: '2026-12-31' });
    // Other reps have nothing due.
    expect(await remindersTo(t, 'S102')).toEqual([]);
  });

  it('a service down at 09:00 sends the day’s reminders when it starts, for that day only, and once', async () => {
    // Started at 03:00 on the 31st: the last 09:00 (the 30th's) is before the org existed, and the 31st's has not come.
    const early = await catchUpMissedRuns(t.app.jobs, { now: Date.parse('2026-12-31T03:00:00+08:00'), timezone: 'Asia/Shanghai' });
    expect(early.outcomes.find((o) => o.job === 'next-step-reminders')).toBeUndefined();
    expect(await remindersTo(t, 'S101')).toEqual([]);
    const late = await catchUpMissedRuns(t.app.jobs, { now: Date.parse('2026-12-31T10:30:00+08:00'), timezone: 'Asia/Shanghai' });
    expect(late.outcomes.find((o) => o.job === 'next-step-reminders')).toMatchObject({ status: 'succeeded', periodKey: '2026-12-31', result: { sent: 1 } });
    const again = await catchUpMissedRuns(t.app.jobs, { now: Date.parse('2026-12-31T11:00:00+08:00'), timezone: 'Asia/Shanghai' });
    expect(again.skipped).toContainEqual({ job: 'next-step-reminders', reason: 'done', periodKey: '2026-12-31' });
    expect(await remindersTo(t, 'S101')).toHaveLength(1);
  });

  it('sends once per step and due date: a forced re-run the same day queues nothing new', async () => {
    await run(t, NEW_YEARS_EVE_0900);
    const again = await run(t, NEW_YEARS_EVE_0900 + 3_600_000, true);
    expect(again).toMatchObject({ status: 'succeeded', result: { sent: 0, alreadySent: 1 } });
    expect(await remindersTo(t, 'S101')).toHaveLength(1);
  });

  it('完成 marks the step done: no reminder on a re-run, gone from 待办, not overdue for the manager', async () => {
    await run(t, NEW_YEARS_EVE_0900);
    const chat = sandboxChat(t.app, 'S101');
    const [card] = await remindersTo(t, 'S101');
    const message = (await chat.transcript()).find((m) => m.payload.type === 'card' && m.payload.card.template === 'next-step-reminder');
    t.clock.set('2026-12-31T09:05:00+08:00');
    const clicked = await chat.click(message, buttonAction(card!, '完成'));
    expect(clicked.toast).toMatchObject({ kind: 'success', text: '已完成：华为技术有限公司 · 12-31 发报价单' });
    expect(await stateOf(t, (await stepOf(t)).id)).toMatchObject({ status: 'done', doneAt: Date.parse('2026-12-31T09:05:00+08:00') });

    const again = await run(t, NEW_YEARS_EVE_0900 + 60_000, true);
    expect(again).toMatchObject({ result: { sent: 0, alreadySent: 0, details: { due: 0 } } });
    expect(replyText((await chat.say('待办'))[0]!)).toContain('没有未完成的下一步');
    // The manager's Monday digest reads this list: a done step is not overdue the week after.
    expect(await createManagerDigestFactsRepository(t.db).overdueNextSteps('2027-01-04')).toEqual([]);
    // A second click (another copy of the card) changes nothing.
    t.clock.set('2026-12-31T09:06:00+08:00');
    expect((await chat.say(`完成 ${(await stepOf(t)).id}`))[0]!.payload).toEqual({ type: 'text', text: '这条下一步已完成' });
  });

  it('改期 by the card form moves the reminder to the new date; the old date sends nothing more', async () => {
    await run(t, NEW_YEARS_EVE_0900);
    const chat = sandboxChat(t.app, 'S101');
    const message = (await chat.transcript()).find((m) => m.payload.type === 'card' && m.payload.card.template === 'next-step-reminder');
    const [card] = await remindersTo(t, 'S101');
    t.clock.set('2026-12-31T09:10:00+08:00');
    const form = await chat.click(message, buttonAction(card!, '改期'));
    const dateForm = formOf(form.card!);
    expect(dateForm.inputs).toEqual([expect.objectContaining({ name: 'date', kind: 'date', value: '2026-12-31' })]);
    const moved = await chat.click(message, dateForm.submit.action, { date: '2027-01-08' });
    expect(moved.toast).toMatchObject({ kind: 'success', text: '已改期到 2027-01-08，当天 9:00 再提醒' });
    expect(await stateOf(t, (await stepOf(t)).id)).toMatchObject({ status: 'rescheduled', dueDate: '2027-01-08' });

    expect(await run(t, NEW_YEARS_EVE_0900 + 60_000, true)).toMatchObject({ result: { sent: 0, details: { due: 0 } } });
    expect(await run(t, Date.parse('2027-01-07T01:00:00Z'))).toMatchObject({ result: { sent: 0 } });
    expect(await run(t, Date.parse('2027-01-08T01:00:00Z'))).toMatchObject({ periodKey: '2027-01-08', result: { sent: 1, alreadySent: 0 } });
    expect(await remindersTo(t, 'S101')).toHaveLength(2);
    // Overdue for the digest only after the new date, and with it.
    const facts = createManagerDigestFactsRepository(t.db);
    expect(await facts.overdueNextSteps('2027-01-08')).toEqual([]);
    expect(await facts.overdueNextSteps('2027-01-09')).toEqual([expect.objectContaining({ customer: '华为技术有限公司', next_step_due: '2027-01-08' })]);
  });

  it('typed 改期 <n> 下周五 reads the date like the visit form; a past date and a stranger are refused', async () => {
    const { id } = await stepOf(t);
    const chat = sandboxChat(t.app, 'S101');
    // 2026-12-30 is a Wednesday: 下周五 is 2027-01-08.
    expect(replyText((await chat.say(`改期 ${id} 下周五`))[0]!)).toBe('已改期到 2027-01-08，当天 9:00 再提醒');
    expect(await stateOf(t, id)).toMatchObject({ dueDate: '2027-01-08' });
    expect(replyText((await chat.say(`改期 ${id} 2026-12-01`))[0]!)).toContain('新日期 2026-12-01 已经过去');
    expect(replyText((await chat.say(`改期 ${id}`))[0]!)).toContain('用法：改期 <编号> <日期>');
    expect(replyText((await chat.say('完成 华为'))[0]!)).toContain('用法：完成 <编号>');
    expect(replyText((await sandboxChat(t.app, 'S102').say(`完成 ${id}`))[0]!)).toContain('只能处理自己的下一步');
    expect(await stateOf(t, id)).toMatchObject({ status: 'rescheduled' });
    expect(replyText((await chat.say(`reschedule ${id} 2027-01-09`))[0]!)).toBe('Moved to 2027-01-09; you will be reminded that morning');
  });

  it('记拜访 opens the visit form with the customer filled in', async () => {
    await run(t, NEW_YEARS_EVE_0900);
    const chat = sandboxChat(t.app, 'S101');
    const message = (await chat.transcript()).find((m) => m.payload.type === 'card' && m.payload.card.template === 'next-step-reminder');
    const [card] = await remindersTo(t, 'S101');
    const clicked = await chat.click(message, buttonAction(card!, '记拜访'));
    const form = formOf(cardOf(clicked.messages[0]));
    expect(form.inputs.find((i) => i.name === 'customer')?.value).toBe('华为技术有限公司');
  });

  it('待办 lists my open steps with number, due date, customer and step, overdue marked; 我的 shows the overdue ones', async () => {
    const chat = sandboxChat(t.app, 'S101');
    t.clock.set('2027-01-04T10:00:00+08:00');
    const [before] = await chat.say('待办');
    expect(replyText(before!)).toContain(`#${(await stepOf(t)).id} 2026-12-31 · 华为技术有限公司：12-31 发报价单（逾期）`);
    await chat.say('拜访 华为 电话 下一步 2027-01-15 约技术交流');
    const { visits } = tablesOf(t.db);
    const ids = (await t.db.select({ id: visits.id }).from(visits).where(isNotNull(visits.nextStep)).orderBy(asc(visits.id))).map((r) => r.id);
    const [list] = await chat.say('待办');
    const text = replyText(list!);
    // A later visit to the same customer answers the earlier step: only the newest is open.
    expect(text).toContain('我的待办（1 条）');
    expect(text).toContain(`#${ids[1]} 2027-01-15 · 华为技术有限公司：2027-01-15 约技术交流`);
    expect(text).not.toContain('发报价单');

    await chat.say(`改期 ${ids[1]} 2027-01-05`);
    t.clock.set('2027-01-06T10:00:00+08:00');
    expect(replyText((await chat.say('/todo'))[0]!)).toContain(`#${ids[1]} 2027-01-05 · 华为技术有限公司: 2027-01-15 约技术交流 (overdue)`);
    const me = replyText((await chat.say('我的'))[0]!);
    expect(me).toContain('逾期的下一步**（1 条）');
    expect(me).toContain(`#${ids[1]} 2027-01-05`);
  });
});
