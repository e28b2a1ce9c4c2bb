import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, tablesOf } from '../../src/db/dialect.js';
import { admin, buttonAction, flush, latestCard, seedNovember } from '../helpers/assessment.js';
import { replyText, sandboxChat } from '../helpers/sandbox-chat.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { devLogin, type WebClient } from '../helpers/web-session.js';

/**
 * Approving a round outside the forced distribution (clock: 1 December 2026, November just closed).
 * The admin raises the D minimum to 100% (every rep must be D), so 华东一组 breaches it; then each
 * door — the chat card, the typed command, the H5 page — refuses 通过 without a reason and changes
 * nothing, and accepts it with one, the reason kept in the approve audit row.
 */
describe('forced distribution: approving a breach takes an acknowledgement', () => {
  let t: TestApp;
  let hr: WebClient;

  const all = (query: SQL) => queryRows<Record<string, unknown>>(t.db, query);
  const stored = async () => ({
    assessments: await all(sql`SELECT * FROM assessments ORDER BY id`),
    results: await all(sql`SELECT * FROM assessment_results ORDER BY id`),
    audit: await all(sql`SELECT * FROM audit_log ORDER BY id`),
  });
  const east = async () =>
    (await queryRows<{ id: number; status: string; version: number }>(t.db, sql`SELECT a.id, a.status, a.version FROM assessments a JOIN departments d ON d.id = a.department_id WHERE d.name = '华东一组'`))[0]!;
  // Through the table so that `after` reads as JSON on both (text on SQLite, jsonb on PostgreSQL).
  const approveAudit = async () => {
    const { auditLog } = tablesOf(t.db);
    return t.db.select({ source: auditLog.source, after: auditLog.after }).from(auditLog).where(eq(auditLog.action, 'assessment.approve')).orderBy(asc(auditLog.id));
  };

  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-01T08:00:00+08:00' });
    await seedNovember(t.db);
    const adminUser = await devLogin(t.app, 'A001');
    const set = await adminUser.put('/api/admin/distribution-rules', { minBottomPercent: 100 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().limits).toEqual([
      { key: 'maxTopPercent', default: 10, override: null, value: 10 },
      { key: 'minBottomPercent', default: 5, override: 100, value: 100 },
    ]);
    expect((await adminUser.put('/api/admin/distribution-rules', { minBottomPercent: 101 })).statusCode).toBe(400);
    expect((await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-11' })).statusCode).toBe(200);
    await flush(t.app);
    const review = await latestCard(t.app, 'S100', 'assessment-review');
    expect((await sandboxChat(t.app, 'S100').click(review, buttonAction(review.card, '提交审批'))).toast?.kind).toBe('success');
    await flush(t.app);
    hr = await devLogin(t.app, 'H001');
  });
  afterEach(async () => t.close());

  it('chat card: 通过 answers with the reason form and changes nothing; the form with a reason approves', async () => {
    const approval = await latestCard(t.app, 'H001', 'assessment-approval');
    const text = replyText(approval);
    expect(text).toMatch(/⚠️ D 级 \d+ 人，至少需要 \d+ 人/);
    expect(text).toContain('超出强制分布：通过前须填写确认理由');
    expect(text).not.toContain('符合');
    const before = await stored();

    const refused = await sandboxChat(t.app, 'H001').click(approval, buttonAction(approval.card, '通过'));
    expect(refused.toast).toMatchObject({ kind: 'warning' });
    expect(refused.toast?.text).toContain('超出强制分布');
    expect(refused.card?.elements.some((e) => e.type === 'form' && e.name === 'approve')).toBe(true);
    await flush(t.app);
    expect(await stored()).toEqual(before);

    const confirmed = await sandboxChat(t.app, 'H001').click(approval, buttonAction(refused.card ?? approval.card, '确认通过'), { acknowledgement: '本组本月整体达标，D 级要求不适用' });
    expect(confirmed.toast?.kind).toBe('success');
    expect((await east()).status).toBe('approved');
    expect(await approveAudit()).toEqual([{ source: 'sandbox', after: expect.objectContaining({ distributionAcknowledgement: '本组本月整体达标，D 级要求不适用' }) }]);
  });

  it('typed command: 通过 without a reason is refused with how to give one; with a reason it approves', async () => {
    const before = await stored();
    const refused = await sandboxChat(t.app, 'H001').say('通过 华东一组 2026-11');
    expect(refused.map(replyText).join('\n')).toContain('华东一组 超出强制分布（D），请填写确认理由后再通过，例如：通过 华东一组 2026-11 理由');
    expect(await stored()).toEqual(before);

    const approved = await sandboxChat(t.app, 'H001').say('通过 华东一组 2026-11 年度大单集中在本组');
    expect(approved.map(replyText).join('\n')).not.toContain('超出强制分布');
    expect((await east()).status).toBe('approved');
    expect(await approveAudit()).toEqual([{ source: 'sandbox', after: expect.objectContaining({ distributionAcknowledgement: '年度大单集中在本组' }) }]);
  });

  it('H5 page: approve without an acknowledgement is a 400 that changes nothing; with one it approves', async () => {
    const { version, id } = await east();
    const detail = (await hr.get(`/api/assessments/${id}`)).json().assessment as { distribution: { ok: boolean; flags: string[]; checks: string[] } };
    expect(detail.distribution.ok).toBe(false);
    expect(detail.distribution.flags).toEqual([expect.stringMatching(/^⚠️ D 级 \d+ 人，至少需要 \d+ 人$/)]);
    const before = await stored();

    const refused = await hr.post(`/api/assessments/${id}/decision`, { version, decision: 'approve' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('请填写确认理由');
    expect((await hr.post(`/api/assessments/${id}/decision`, { version, decision: 'approve', acknowledgement: ' ' })).statusCode).toBe(400);
    expect(await stored()).toEqual(before);

    const approved = await hr.post(`/api/assessments/${id}/decision`, { version, decision: 'approve', acknowledgement: '与 HRBP 校准后确认' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await east()).status).toBe('approved');
    expect(await approveAudit()).toEqual([{ source: 'h5', after: expect.objectContaining({ distributionAcknowledgement: '与 HRBP 校准后确认' }) }]);
  });
});
