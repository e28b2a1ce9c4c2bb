import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import type { CardModel } from '../../../src/domain/card-model.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { auditRows, buttonAction, seedCustomer, userIdOf } from '../../helpers/records.js';
import { deliverAll, pathOf, submitSurvey, surveyUrlIn } from '../../helpers/survey.js';

/** The complaints, in id order. */
async function complaintRows(t: TestApp) {
  const { complaints } = tablesOf(t.db);
  return t.db.select().from(complaints).orderBy(asc(complaints.id));
}

/**
 * A customer's low score or comment reaches the owner's manager as a card (through the outbox) with
 * 转为投诉; only that manager (or an admin) may turn it into a complaint, once, audited.
 */
describe('survey answer -> complaint', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp();
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
  });
  afterEach(async () => t.close());

  async function answer(fields: Record<string, string>): Promise<void> {
    const path = pathOf(surveyUrlIn(await sandboxChat(t.app, 'S101').say('满意度调查 华为 李总')));
    expect((await submitSurvey(t.app, path, fields)).statusCode).toBe(200);
    await deliverAll(t);
  }

  async function feedbackCards(employeeNo: string) {
    return (await sandboxChat(t.app, employeeNo).transcript()).filter((m) => m.payload.type === 'card' && m.payload.card.title.includes('客户反馈'));
  }

  const cardIn = (m: { payload: { type: string; card?: CardModel } }) => m.payload.card as CardModel;

  it('a low score reaches the owner’s manager, who turns it into a complaint once; the audit names him', async () => {
    await answer({ score: '2', nps: '3', comment: '发货慢，没人回电话' });
    const [message, ...more] = await feedbackCards('S100');
    expect(more).toEqual([]);
    expect(replyText(message!)).toContain('李总给出 2/5 分，NPS 3（负责人 张三）');
    expect(replyText(message!)).toContain('留言: 发货慢，没人回电话');
    expect(await feedbackCards('S101')).toEqual([]);

    const manager = sandboxChat(t.app, 'S100');
    const action = buttonAction(cardIn(message!), '转为投诉');
    const clicked = await manager.click(message, action);
    expect(clicked.toast?.text).toMatch(/^已转为投诉 #\d+$/);
    const rows = await complaintRows(t);
    expect(rows).toMatchObject([
      { content: '满意度调查 2/5 分：发货慢，没人回电话', repUserId: await userIdOf(t.db, 'S101'), verification: 'customer', createdByUserId: await userIdOf(t.db, 'S100'), receivedOn: '2026-11-27' },
    ]);
    expect((await auditRows(t.db, 'complaint'))).toMatchObject([{ action: 'complaint.create', actorUserId: await userIdOf(t.db, 'S100'), source: 'sandbox' }]);
    expect(await t.db.select().from(tablesOf(t.db).surveyLinks)).toMatchObject([{ complaintId: rows[0]!.id }]);

    const again = await manager.click(message, action);
    expect(again.toast?.text).toBe(`这条反馈已转为投诉 #${rows[0]!.id}`);
    expect(await complaintRows(t)).toHaveLength(1);
  });

  it('the rep who owns the customer, and another team’s manager, are refused; nothing is created', async () => {
    await answer({ score: '1', nps: '0' });
    const [message] = await feedbackCards('S100');
    const action = buttonAction(cardIn(message!), '转为投诉');
    for (const outsider of ['S101', 'S200', 'H001']) {
      const refused = await sandboxChat(t.app, outsider).click(undefined, action);
      expect(JSON.stringify(refused), outsider).toContain('只有该客户负责人的经理或管理员可以转为投诉');
    }
    expect(await complaintRows(t)).toEqual([]);
    // An admin may.
    const admin = await sandboxChat(t.app, 'A001').click(undefined, action);
    expect(admin.toast?.text).toMatch(/^已转为投诉 #\d+$/);
    expect(await complaintRows(t)).toMatchObject([{ content: '满意度调查 1/5 分：（无留言）', createdByUserId: await userIdOf(t.db, 'A001') }]);
  });

  it('a good score with no comment sends no card', async () => {
    await answer({ score: '5', nps: '10' });
    expect(await feedbackCards('S100')).toEqual([]);
  });

  it('a good score with a comment is shown to the manager too', async () => {
    await answer({ score: '4', nps: '8', comment: '希望多来拜访' });
    const [message] = await feedbackCards('S100');
    expect(replyText(message!)).toContain('留言: 希望多来拜访');
  });
});
