import { desc, eq, isNotNull, like } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { createDingTalkJourney } from '../../helpers/journeys/dingtalk.js';
import { createFeishuJourney } from '../../helpers/journeys/feishu.js';
import { nth, type Journey } from '../../helpers/journeys/types.js';

const NEW_YEARS_EVE_0900 = Date.parse('2026-12-31T01:00:00Z');

/** The rep records a visit with a next step, the 09:00 run pushes the reminder card into their chat. */
async function reminded(j: Journey): Promise<number> {
  await j.say('S101', '客户 华为技术 直销');
  await j.say('S101', '拜访 华为技术 聊了预算 下一步 12-31 发报价单');
  const { visits } = tablesOf(j.t.db);
  const { id } = (await j.t.db.select({ id: visits.id }).from(visits).where(isNotNull(visits.nextStep)))[0]!;
  j.t.clock.set('2026-12-31T09:00:00+08:00');
  expect(await j.t.app.jobs.run('next-step-reminders', { trigger: 'schedule', now: NEW_YEARS_EVE_0900 })).toMatchObject({ result: { sent: 1 } });
  await j.deliverQueued();
  return id;
}

async function state(j: Journey, id: number) {
  const { nextSteps } = tablesOf(j.t.db);
  return (await j.t.db.select({ status: nextSteps.status, dueDate: nextSteps.dueDate }).from(nextSteps).where(eq(nextSteps.visitId, id)))[0];
}

const PLATFORMS = {
  feishu: () => createFeishuJourney('webhook', { now: '2026-12-30T10:00:00+08:00' }),
  dingtalk: () => createDingTalkJourney('stream', { now: '2026-12-30T10:00:00+08:00' }),
};

for (const [platform, start] of Object.entries(PLATFORMS)) {
  describe(`next-step reminder buttons on ${platform}, clicked as the platform sends them`, () => {
    let j: Journey | undefined;
    afterEach(async () => {
      await j?.close();
      j = undefined;
    });

    it('完成 on the reminder card marks the step done', async () => {
      j = await start();
      const id = await reminded(j);
      const card = nth(j, 'S101', '今日待办');
      expect(card.text).toContain('发报价单');
      expect(card.buttons.map((b) => b.label)).toEqual(['完成', '改期', '记拜访']);
      const answer = await j.click('S101', card, '完成');
      expect(answer.toast?.text).toBe('已完成：华为技术 · 12-31 发报价单');
      expect(await state(j, id)).toMatchObject({ status: 'done' });
    });

    it('改期 shows the date form; submitting it moves the step', async () => {
      j = await start();
      const id = await reminded(j);
      const asked = await j.click('S101', nth(j, 'S101', '今日待办'), '改期');
      expect(asked.card?.title).toContain('改期 · 华为技术');
      const moved = await j.click('S101', asked.card!, '确定', { date: '2027-01-08' });
      expect(moved.toast?.text).toBe('已改期到 2027-01-08，当天 9:00 再提醒');
      expect(await state(j, id)).toMatchObject({ status: 'rescheduled', dueDate: '2027-01-08' });
    });

    it('记拜访 sends the visit form for the customer', async () => {
      j = await start();
      await reminded(j);
      const before = j.inbox('S101').length;
      await j.click('S101', nth(j, 'S101', '今日待办'), '记拜访');
      await j.deliverQueued();
      const form = j.inbox('S101').slice(before).find((m) => m.kind === 'card');
      expect(form?.title).toContain('拜访');
      // The customer is filled in (DingTalk's seen text lists the inputs' labels only: read what was sent).
      const { outbox } = tablesOf(j.t.db);
      const [sent] = await j.t.db.select({ payload: outbox.payload }).from(outbox).where(like(outbox.idempotencyKey, 'followup:%')).orderBy(desc(outbox.id)).limit(1);
      const inputs = (sent!.payload as { card: { elements: { type: string; inputs?: { name: string; value?: string }[] }[] } }).card.elements.flatMap((e) => e.inputs ?? []);
      expect(inputs.find((i) => i.name === 'customer')?.value).toContain('华为技术');
    });
  });
}
