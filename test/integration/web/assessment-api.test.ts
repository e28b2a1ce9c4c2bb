import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../../src/db/dialect.js';
import { buttonAction, flush, latestCard, novemberInReview, userIdOf } from '../../helpers/assessment.js';
import { sandboxChat } from '../../helpers/sandbox-chat.js';
import type { TestApp } from '../../helpers/test-app.js';
import { devLogin, type WebClient } from '../../helpers/web-session.js';

interface Detail {
  id: number;
  version: number;
  status: string;
  department: string;
  reps: { userId: number; name: string; adjustment: string | null; reason: string | null; finalGrade: string }[];
  distribution: { total: number; grades: { grade: string; count: number }[]; ok: boolean; flags: string[] };
  can: { decide: boolean; review: boolean; adjustUserIds: number[] };
}

/**
 * The assessment pages' API (clock: 1 December 2026, November just closed): the manager reviews and
 * submits, HR decides, both through the same transitions as the chat cards, recorded as source h5.
 */
describe('H5 API: assessments for HR and managers', () => {
  let t: TestApp;
  let hr: WebClient;
  let manager: WebClient;
  let eastId: number;

  const status = async () => (await queryRows<{ status: string; version: number }>(t.db, sql`SELECT status, version FROM assessments WHERE id = ${eastId}`))[0]!;
  const auditRows = () => queryRows<{ action: string; source: string; actor: number }>(t.db, sql`SELECT action, source, actor_user_id AS actor FROM audit_log WHERE entity LIKE 'assessment%' ORDER BY id`);
  const detail = async (client: WebClient) => (await client.get(`/api/assessments/${eastId}`)).json().assessment as Detail;

  beforeEach(async () => {
    ({ t, hr, manager } = await novemberInReview());
    const list = (await manager.get('/api/assessments?period=2026-11')).json().assessments as { id: number; department: string }[];
    expect(list.map((a) => a.department)).toEqual(['华东一组']);
    eastId = (list[0] as { id: number }).id;
  });
  afterEach(async () => t.close());

  it('manager adjusts within the bound and submits; HR sees the distribution, rejects with a reason, approves the resubmission', async () => {
    const zhang = (await userIdOf(t.db, 'S101'));
    // Beyond the bound, no reason, garbage points: refused with the reason, nothing stored.
    const tooMuch = await manager.post(`/api/assessments/${eastId}/adjust`, { repUserId: zhang, points: '+12', reason: '大客户攻坚' });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().message).toContain('±10');
    expect((await manager.post(`/api/assessments/${eastId}/adjust`, { repUserId: zhang, points: '3', reason: ' ' })).json().message).toContain('原因');
    expect((await manager.post(`/api/assessments/${eastId}/adjust`, { repUserId: zhang, points: 'abc', reason: '大客户攻坚' })).statusCode).toBe(400);
    const malformed = await manager.post(`/api/assessments/${eastId}/adjust`, { points: '3', reason: 'x' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().issues[0].path).toBe('/repUserId');
    expect((await detail(manager)).reps.every((r) => r.adjustment === null)).toBe(true);

    const adjusted = await manager.post(`/api/assessments/${eastId}/adjust`, { repUserId: zhang, points: '+3', reason: '大客户攻坚' });
    expect(adjusted.statusCode, adjusted.body).toBe(200);
    expect(adjusted.json().assessment.reps.find((r: { userId: number }) => r.userId === zhang)).toMatchObject({ adjustment: '+3', reason: '大客户攻坚' });
    const before = await detail(manager);
    expect(before.can).toMatchObject({ decide: false, review: true });
    expect(before.can.adjustUserIds).toContain(zhang);
    expect(before.can.adjustUserIds).not.toContain((await userIdOf(t.db, 'S100')));
    // Without the CSRF header the write is refused.
    expect((await manager.post(`/api/assessments/${eastId}/submit`, { version: before.version }, { csrf: null })).statusCode).toBe(403);
    expect((await manager.post(`/api/assessments/${eastId}/submit`, { version: before.version })).statusCode).toBe(200);
    expect((await status()).status).toBe('pending_approval');

    const pending = await detail(hr);
    expect(pending.can.decide).toBe(true);
    expect(pending.distribution.total).toBe(pending.reps.length);
    expect(pending.distribution.grades.map((g) => g.grade)).toEqual(expect.arrayContaining(['S', 'A', 'B', 'C', 'D']));
    expect(pending.distribution.grades.reduce((sum, g) => sum + g.count, 0)).toBe(pending.reps.length);
    expect(pending.distribution.ok).toBe(pending.distribution.flags.length === 0);

    const noReason = await hr.post(`/api/assessments/${eastId}/decision`, { version: pending.version, decision: 'reject', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('原因');
    const rejected = await hr.post(`/api/assessments/${eastId}/decision`, { version: pending.version, decision: 'reject', reason: '张三的调整需附客户证明' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json().assessment).toMatchObject({ status: 'in_review', rejectionReason: '张三的调整需附客户证明' });
    await flush(t.app);
    // The chat side follows: the manager gets a fresh review card with HR's reason.
    const review = await latestCard(t.app, 'S100', 'assessment-review');
    expect(JSON.stringify(review.card)).toContain('张三的调整需附客户证明');

    const round2 = await detail(manager);
    expect((await manager.post(`/api/assessments/${eastId}/submit`, { version: round2.version })).statusCode).toBe(200);
    // The first round's version is out of date: 409, nothing changes.
    const stale = await hr.post(`/api/assessments/${eastId}/decision`, { version: pending.version, decision: 'approve' });
    expect(stale.statusCode).toBe(409);
    expect((await status()).status).toBe('pending_approval');
    const current = await detail(hr);
    const approved = await hr.post(`/api/assessments/${eastId}/decision`, { version: current.version, decision: 'approve' });
    expect(approved.statusCode).toBe(200);
    expect((await status()).status).toBe('approved');

    const steps = (await auditRows()).filter((r) => !r.action.startsWith('assessment.result') && r.action !== 'assessment.generate');
    expect(steps.map((r) => `${r.action}@${r.source}`)).toEqual(['assessment.adjust@h5', 'assessment.submit@h5', 'assessment.reject@h5', 'assessment.submit@h5', 'assessment.approve@h5']);
    // Approved: locked against further adjustment from the page too.
    expect((await manager.post(`/api/assessments/${eastId}/adjust`, { repUserId: zhang, points: '1', reason: '再调一下' })).statusCode).toBe(409);
  });

  it('a chat decision and an H5 decision on the same round: exactly one wins', async () => {
    const round = await detail(manager);
    expect((await manager.post(`/api/assessments/${eastId}/submit`, { version: round.version })).statusCode).toBe(200);
    await flush(t.app);
    const shown = await detail(hr);
    // A001 approves in chat first; H001's page still shows the pending round.
    const card = await latestCard(t.app, 'A001', 'assessment-approval');
    expect((await sandboxChat(t.app, 'A001').click(card, buttonAction(card.card, '通过'))).toast?.kind).toBe('success');
    const late = await hr.post(`/api/assessments/${eastId}/decision`, { version: shown.version, decision: 'reject', reason: '迟到的驳回' });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('系统管理员');
    expect((await status()).status).toBe('approved');
    const decisions = (await auditRows()).filter((r) => r.action === 'assessment.approve' || r.action === 'assessment.reject');
    expect(decisions).toEqual([{ action: 'assessment.approve', source: 'sandbox', actor: (await userIdOf(t.db, 'A001')) }]);
  });

  it('chat and page approving the same round at the same moment: one approval, the other is told', async () => {
    const round = await detail(manager);
    await manager.post(`/api/assessments/${eastId}/submit`, { version: round.version });
    await flush(t.app);
    const shown = await detail(hr);
    const card = await latestCard(t.app, 'A001', 'assessment-approval');
    const [page, chat] = await Promise.all([hr.post(`/api/assessments/${eastId}/decision`, { version: shown.version, decision: 'approve' }), sandboxChat(t.app, 'A001').click(card, buttonAction(card.card, '通过'))]);
    // Whichever ran first wins; the other is told it was already decided.
    if (page.statusCode === 200) {
      expect(chat.toast?.kind).toBe('info');
    } else {
      expect(page.statusCode).toBe(409);
      expect(chat.toast?.kind).toBe('success');
    }
    expect((await auditRows()).filter((r) => r.action === 'assessment.approve')).toHaveLength(1);
    expect((await auditRows()).filter((r) => r.action === 'assessment.result.publish')).toHaveLength(shown.reps.length);
  });

  it('refuses the wrong role and another team: reps get 403, another manager cannot see or act', async () => {
    const rep = await devLogin(t.app, 'S101');
    for (const url of ['/api/assessments?period=2026-11', `/api/assessments/${eastId}`, '/api/appeals?period=2026-11', '/api/audit', '/api/assessment-export?period=2026-11']) {
      expect((await rep.get(url)).statusCode, url).toBe(403);
    }
    expect((await rep.post(`/api/assessments/${eastId}/decision`, { version: 1, decision: 'approve' })).statusCode).toBe(403);
    const south = await devLogin(t.app, 'S200');
    expect((await south.get('/api/assessments?period=2026-11')).json().assessments.map((a: { department: string }) => a.department)).toEqual(['华南二组']);
    expect((await south.get(`/api/assessments/${eastId}`)).statusCode).toBe(403);
    expect((await south.post(`/api/assessments/${eastId}/submit`, { version: 1 })).statusCode).toBe(403);
    // A manager may not decide, nor read the audit log or the export.
    expect((await manager.post(`/api/assessments/${eastId}/decision`, { version: 1, decision: 'approve' })).statusCode).toBe(403);
    expect((await manager.get('/api/audit')).statusCode).toBe(403);
    expect((await manager.get('/api/assessment-export?period=2026-11')).statusCode).toBe(403);
    expect((await hr.get('/api/assessments?period=2026-13')).statusCode).toBe(400);
    expect((await hr.get('/api/assessments/99999')).statusCode).toBe(404);
    expect((await hr.post(`/api/assessments/${eastId}/decision`, { version: 1, decision: 'maybe' })).json().issues[0].path).toBe('/decision');
    expect(await status()).toMatchObject({ status: 'in_review' });
  });

  it('appeals are resolved from the page; the audit log lists the steps; HR downloads the export', async () => {
    expect((await hr.get('/api/assessment-export?period=2026-11')).statusCode).toBe(404);
    const round = await detail(manager);
    await manager.post(`/api/assessments/${eastId}/submit`, { version: round.version });
    await hr.post(`/api/assessments/${eastId}/decision`, { version: round.version + 1, decision: 'approve' });
    expect((await status()).status).toBe('approved');
    await flush(t.app);
    const s102 = sandboxChat(t.app, 'S102');
    const result = await latestCard(t.app, 'S102', 'assessment-result');
    const form = await s102.click(result, buttonAction(result.card, '申诉'));
    expect((await s102.click(result, buttonAction(form.card!, '提交申诉'), { reason: '11 月 28 日的回款漏算了' })).toast?.kind).toBe('success');

    const appeals = (await hr.get('/api/appeals?period=2026-11')).json().appeals as { appealId: number; name: string; reason: string; status: string }[];
    expect(appeals).toEqual([expect.objectContaining({ name: '李四', reason: '11 月 28 日的回款漏算了', status: 'open' })]);
    const appealId = (appeals[0] as { appealId: number }).appealId;
    expect((await (await devLogin(t.app, 'S200')).post(`/api/appeals/${appealId}/resolve`, { outcome: 'uphold', reason: '不是我的组' })).statusCode).toBe(403);
    expect((await hr.post(`/api/appeals/${appealId}/resolve`, { outcome: 'adjust', points: '0', reason: '补算回款' })).statusCode).toBe(400);
    const resolved = await hr.post(`/api/appeals/${appealId}/resolve`, { outcome: 'adjust', points: '+2', reason: '补算回款' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect((await hr.get('/api/appeals?period=2026-11')).json().appeals[0]).toMatchObject({ status: 'resolved', resolution: { by: '林HR' } });
    expect((await manager.post(`/api/appeals/${appealId}/resolve`, { outcome: 'uphold', reason: '再处理一次' })).statusCode).toBe(409);

    const audit = (await hr.get('/api/audit?period=2026-11&entity=assessment')).json().entries as { action: string; source: string; actor: string }[];
    expect(audit.every((e) => e.action.startsWith('assessment.'))).toBe(true);
    expect(audit.filter((e) => e.source === 'h5').map((e) => `${e.action} ${e.actor}`)).toEqual(['assessment.approve 林HR', 'assessment.submit 王经理']);
    const resolveEntry = (await hr.get('/api/audit?period=2026-11&entity=assessment_result')).json().entries.find((e: { action: string }) => e.action === 'assessment.appeal.resolve');
    expect(resolveEntry).toMatchObject({ source: 'h5', after: { outcome: 'adjust', reason: '补算回款' } });

    const file = await hr.get('/api/assessment-export?period=2026-11');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
