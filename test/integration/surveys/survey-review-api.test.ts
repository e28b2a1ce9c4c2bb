import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import type { CardModel } from '../../../src/domain/card-model.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { sandboxChat } from '../../helpers/sandbox-chat.js';
import { auditRows, buttonAction, seedCustomer, userIdOf } from '../../helpers/records.js';
import { deliverAll, pathOf, submitSurvey, surveyUrlIn } from '../../helpers/survey.js';
import { devLogin } from '../../helpers/web-session.js';

interface Answer {
  surveyId: number;
  score: number;
  nps: number | null;
  comment: string | null;
  surveyedOn: string;
  customerName: string;
  repName: string;
  complaintId: number | null;
  canConvert: boolean;
}

/** The complaints, in id order. */
async function complaintRows(t: TestApp) {
  const { complaints } = tablesOf(t.db);
  return t.db.select().from(complaints).orderBy(asc(complaints.id));
}

/**
 * The customers' survey answers in the H5 (GET /api/surveys: a rep their own, a manager their team's)
 * and 转为投诉 from there (POST /api/surveys/:id/complaint), the same convertSurveyToComplaint as the
 * feedback card's button in chat: same refusals, same stored complaint, same audit row.
 */
describe('survey answers in the H5, and 转为投诉 from there', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp();
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
    await seedCustomer(t.db, { name: '比亚迪股份有限公司', owner: 'S201', aliases: ['比亚迪'] });
  });
  afterEach(async () => t.close());

  async function answer(rep: string, customer: string, fields: Record<string, string>): Promise<void> {
    const path = pathOf(surveyUrlIn(await sandboxChat(t.app, rep).say(`满意度调查 ${customer} 李总`)));
    expect((await submitSurvey(t.app, path, fields)).statusCode).toBe(200);
    await deliverAll(t);
  }
  const answersOf = async (employeeNo: string): Promise<Answer[]> => {
    const res = await (await devLogin(t.app, employeeNo)).get('/api/surveys');
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { answers: Answer[] }).answers;
  };

  it('a rep sees their own answers, a manager their team\'s (with 转为投诉), HR all; another team sees none of them', async () => {
    await answer('S101', '华为', { score: '2', nps: '3', comment: '发货慢' });
    await answer('S201', '比亚迪', { score: '5', nps: '10' });

    const [mine, ...more] = await answersOf('S100');
    expect(more).toEqual([]);
    expect(mine).toMatchObject({ score: 2, nps: 3, comment: '发货慢', surveyedOn: '2026-11-27', customerName: '华为技术有限公司', repName: '张三', complaintId: null, canConvert: true });
    expect((await answersOf('S101')).map((a) => [a.customerName, a.canConvert])).toEqual([['华为技术有限公司', false]]);
    expect(await answersOf('S102')).toEqual([]);
    expect((await answersOf('S201')).map((a) => a.customerName)).toEqual(['比亚迪股份有限公司']);
    expect((await answersOf('S200')).map((a) => [a.customerName, a.canConvert])).toEqual([['比亚迪股份有限公司', true]]);
    expect((await answersOf('H001')).map((a) => [a.customerName, a.canConvert])).toEqual([
      ['比亚迪股份有限公司', false],
      ['华为技术有限公司', false],
    ]);
  });

  it('转为投诉 from the H5 stores what the chat button stores, once; the same people are refused with the same words', async () => {
    await answer('S101', '华为', { score: '1', nps: '0', comment: '没人回电话' });
    await answer('S101', '华为', { score: '2', nps: '4', comment: '没人回电话' });
    const [second, first] = await answersOf('S100');

    const feedback = (await sandboxChat(t.app, 'S100').transcript()).filter((m) => m.payload.type === 'card' && m.payload.card.title.includes('客户反馈'));
    const action = buttonAction((feedback[0]!.payload as { card: CardModel }).card, '转为投诉');
    expect(action.args).toEqual({ surveyId: String(first!.surveyId) });

    // Refused through both doors with the same words: the owner, and another team's manager.
    const h5Convert = async (employeeNo: string, surveyId: number) => (await devLogin(t.app, employeeNo)).post(`/api/surveys/${surveyId}/complaint`, {});
    for (const outsider of ['S101', 'S200']) {
      const chatRefusal = JSON.stringify(await sandboxChat(t.app, outsider).click(undefined, action));
      const h5Refusal = await h5Convert(outsider, first!.surveyId);
      expect(h5Refusal.statusCode, outsider).toBe(403);
      expect(chatRefusal).toContain('只有该客户负责人的经理或管理员可以转为投诉');
      expect(h5Refusal.body).toContain('只有该客户负责人的经理或管理员可以转为投诉');
    }
    expect(await complaintRows(t)).toEqual([]);

    const clicked = await sandboxChat(t.app, 'S100').click(feedback[0], action);
    expect(clicked.toast?.text).toMatch(/^已转为投诉 #\d+$/);
    const converted = await h5Convert('S100', second!.surveyId);
    expect(converted.statusCode, converted.body).toBe(200);
    expect(converted.json()).toMatchObject({ already: false, complaint: { content: '满意度调查 2/5 分：没人回电话' } });
    const again = await h5Convert('S100', second!.surveyId);
    expect(again.json()).toMatchObject({ already: true, complaint: { id: (converted.json() as { complaint: { id: number } }).complaint.id } });

    const manager = await userIdOf(t.db, 'S100');
    const rows = await complaintRows(t);
    const shape = { repUserId: await userIdOf(t.db, 'S101'), verification: 'customer', createdByUserId: manager, receivedOn: '2026-11-27' };
    expect(rows).toMatchObject([
      { ...shape, content: '满意度调查 1/5 分：没人回电话', source: 'card' },
      { ...shape, content: '满意度调查 2/5 分：没人回电话', source: 'h5' },
    ]);
    expect((await auditRows(t.db, 'complaint'))).toMatchObject([
      { action: 'complaint.create', actorUserId: manager, source: 'sandbox' },
      { action: 'complaint.create', actorUserId: manager, source: 'h5' },
    ]);
    expect((await answersOf('S100')).map((a) => a.complaintId)).toEqual(rows.map((r) => r.id).reverse());
  });
});
