import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { executeSql, queryRows } from '../../src/db/dialect.js';
import type { CardModel } from '../../src/domain/card-model.js';
import { plainText } from '../../src/domain/user-text.js';
import { admin, buttonAction, cardsOf, flush, latestCard, seedNovember, userIdOf } from '../helpers/assessment.js';
import { sandboxChat, type SandboxMessage } from '../helpers/sandbox-chat.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { devLogin } from '../helpers/web-session.js';

/**
 * Separation of duties in the assessment cycle, through the doors people use (sandbox chat cards and
 * the H5 API): nobody decides on an assessment holding their own result, an admin reviews only a
 * department without a leader, and the adjustment bound holds for a rep's total across steps.
 * The demo org: S100 leads 华东一组 (S101..S105), H001 is HR, A001 is admin and HR.
 */
const apps: TestApp[] = [];
afterEach(async () => {
  for (const t of apps.splice(0)) await t.close();
});

const grant = async (t: TestApp, employeeNo: string, role: string) =>
  executeSql(t.db, sql`INSERT INTO user_roles (user_id, role, source, created_at) VALUES (${await userIdOf(t.db, employeeNo)}, ${role}, 'admin', 0)`);
const revoke = async (t: TestApp, employeeNo: string, role: string) => executeSql(t.db, sql`DELETE FROM user_roles WHERE user_id = ${await userIdOf(t.db, employeeNo)} AND role = ${role}`);
const east = async (t: TestApp) =>
  (await queryRows<{ id: number; version: number; status: string; decided_by_user_id: number | null }>(t.db, sql`SELECT a.* FROM assessments a JOIN departments d ON d.id = a.department_id WHERE d.name = '华东一组'`))[0]!;
const unleadSouthTwo = async (t: TestApp): Promise<void> => {
  await executeSql(t.db, sql`UPDATE departments SET leader_user_id = NULL WHERE name = '华南二组'`);
};

/** November generated on 1 December, after `prepare` (roles, leaders) has changed the org. */
async function november(prepare: (t: TestApp) => void | Promise<void> = () => {}): Promise<TestApp> {
  const t = await createTestApp({ now: '2026-12-01T08:00:00+08:00' });
  apps.push(t);
  await seedNovember(t.db);
  await prepare(t);
  expect((await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-11' })).statusCode).toBe(200);
  await flush(t.app);
  return t;
}

async function click(t: TestApp, employeeNo: string, message: SandboxMessage & { card: CardModel }, label: string, form: Record<string, string> = {}, own = true) {
  const out = await sandboxChat(t.app, employeeNo).click(own ? message : undefined, buttonAction(message.card, label), form);
  await flush(t.app);
  return out;
}

async function submitEast(t: TestApp): Promise<void> {
  expect((await click(t, 'S100', await latestCard(t.app, 'S100', 'assessment-review'), '提交审批')).toast?.kind).toBe('success');
}

const eastApprovals = async (t: TestApp, employeeNo: string) => (await cardsOf(t.app, employeeNo, 'assessment-approval')).filter((c) => plainText(c.title).includes('华东一组'));
const notes = (card: CardModel) => card.elements.flatMap((e) => (e.type === 'note' ? [plainText(e.text)] : [])).join('\n');

describe('nobody decides on an assessment that holds their own result', () => {
  it('an HR user who is assessed gets no approval card and is refused at both doors; another HR user approves', async () => {
    const t = await november(async (app) => { await grant(app, 'S101', 'hr'); });
    await submitEast(t);
    expect(await eastApprovals(t, 'S101')).toEqual([]);
    const card = await latestCard(t.app, 'H001', 'assessment-approval');
    expect(notes(card.card)).toContain('张三 的本人结果在本次考核中，已回避审批');
    expect((await eastApprovals(t, 'A001')).length).toBe(1);

    const chat = await click(t, 'S101', card, '通过', {}, false);
    expect(chat.toast).toEqual({ kind: 'error', text: expect.stringContaining('本次考核包含你本人的结果') });
    const { id, version } = await east(t);
    const page = await (await devLogin(t.app, 'S101')).post(`/api/assessments/${id}/decision`, { version, decision: 'reject', reason: '分布不合理' });
    expect(page.statusCode, page.body).toBe(403);
    expect(page.json()).toMatchObject({ error: 'FORBIDDEN', key: 'assessment.problem.ownAssessment' });
    expect((await east(t)).status).toBe('pending_approval');

    expect((await click(t, 'H001', card, '通过')).toast?.kind).toBe('success');
    expect((await east(t))).toMatchObject({ status: 'approved', decided_by_user_id: (await userIdOf(t.db, 'H001')) });
  });

  it('with no other HR user, an admin who is not in it gets the card saying why, and decides', async () => {
    const t = await november(async (app) => {
      await grant(app, 'S101', 'hr');
      await revoke(app, 'H001', 'hr');
      await revoke(app, 'A001', 'hr');
    });
    await submitEast(t);
    expect(await eastApprovals(t, 'S101')).toEqual([]);
    expect(await eastApprovals(t, 'H001')).toEqual([]);
    const card = await latestCard(t.app, 'A001', 'assessment-approval');
    expect(notes(card.card)).toContain('由管理员审批');
    expect(notes(card.card)).toContain('张三 的本人结果在本次考核中');

    expect((await click(t, 'S101', card, '通过', {}, false)).toast?.kind).toBe('error');
    expect((await click(t, 'A001', card, '通过')).toast?.kind).toBe('success');
    expect((await east(t))).toMatchObject({ status: 'approved', decided_by_user_id: (await userIdOf(t.db, 'A001')) });
  });

  it('in the usual case the card has no such note', async () => {
    const t = await november();
    await submitEast(t);
    const card = await latestCard(t.app, 'H001', 'assessment-approval');
    expect(notes(card.card)).not.toMatch(/回避|管理员审批/);
  });
});

describe('an admin reviews only a department without a leader', () => {
  const adjust = (t: TestApp, who: string, department: string) => {
    const rep = department === '华东一组' ? 'S101' : 'S201';
    return devLogin(t.app, who).then(async (web) => {
      const [row] = await queryRows<{ id: number }>(t.db, sql`SELECT a.id FROM assessments a JOIN departments d ON d.id = a.department_id WHERE d.name = ${department}`);
      return web.post(`/api/assessments/${row!.id}/adjust`, { repUserId: (await userIdOf(t.db, rep)), points: '+3', reason: '大客户攻坚' });
    });
  };

  it('is refused where the department has a leader, at both doors; allowed where it has none', async () => {
    const t = await november(unleadSouthTwo);
    const page = await adjust(t, 'A001', '华东一组');
    expect(page.statusCode, page.body).toBe(403);
    expect(page.json()).toMatchObject({ error: 'FORBIDDEN', key: 'assessment.problem.adjustForbidden' });
    const review = await latestCard(t.app, 'S100', 'assessment-review');
    const chat = await sandboxChat(t.app, 'A001').click(undefined, buttonAction(review.card, '保存调整'), { rep: String((await userIdOf(t.db, 'S101'))), points: '+3', reason: '大客户攻坚' });
    expect(chat.toast?.kind).toBe('error');
    expect(await queryRows(t.db, sql`SELECT CAST(count(*) AS INTEGER) AS n FROM assessment_results WHERE adjustment_centi <> 0`)).toEqual([{ n: 0 }]);

    const leaderless = await adjust(t, 'A001', '华南二组');
    expect(leaderless.statusCode, leaderless.body).toBe(200);
  });
});

describe('the adjustment bound applies to a rep’s total across steps', () => {
  /** S100 adjusts 李四 (S102) +5 and submits, H001 approves, 李四 appeals; S100 gets the appeal card. */
  async function appealedAfterPlusFive(): Promise<TestApp> {
    const t = await november();
    const review = await latestCard(t.app, 'S100', 'assessment-review');
    expect((await click(t, 'S100', review, '保存调整', { rep: String((await userIdOf(t.db, 'S102'))), points: '+5', reason: '大客户攻坚' })).toast?.kind).toBe('success');
    await submitEast(t);
    expect((await click(t, 'H001', await latestCard(t.app, 'H001', 'assessment-approval'), '通过')).toast?.kind).toBe('success');
    const result = await latestCard(t.app, 'S102', 'assessment-result');
    const form = await click(t, 'S102', result, '申诉');
    const sent = await sandboxChat(t.app, 'S102').click(result, buttonAction(form.card as CardModel, '提交申诉'), { reason: '11 月 28 日的回款漏算了', indicator: 'payments_collected' });
    expect(sent.toast?.kind).toBe('success');
    await flush(t.app);
    return t;
  }
  const adjustmentOf = async (t: TestApp) => (await queryRows<{ c: number }>(t.db, sql`SELECT adjustment_centi AS c FROM assessment_results WHERE user_id = ${await userIdOf(t.db, 'S102')}`))[0]!.c;

  it('+5 then +10 on the appeal is refused, saying what is left; +5 then +5 is allowed', async () => {
    const t = await appealedAfterPlusFive();
    const appealCard = await latestCard(t.app, 'S100', 'assessment-appeal');
    const refused = await click(t, 'S100', appealCard, '处理申诉', { outcome: 'adjust', points: '+10', reason: '补算回款' });
    expect(refused.toast).toEqual({ kind: 'error', text: expect.stringContaining('累计调整不能超过 ±10 分（已调整 +5），本次最多还可 +5') });
    expect(await adjustmentOf(t)).toBe(500);

    const appealId = (await queryRows<{ id: number }>(t.db, sql`SELECT id FROM assessment_appeals`))[0]!.id;
    const page = await (await devLogin(t.app, 'S100')).post(`/api/appeals/${appealId}/resolve`, { outcome: 'adjust', points: '+5', reason: '补算回款' });
    expect(page.statusCode, page.body).toBe(200);
    expect(await adjustmentOf(t)).toBe(1000);
  });
});
