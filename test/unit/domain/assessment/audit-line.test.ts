import { describe, expect, it } from 'vitest';
import { auditLine, chaseKey, isChasable, isSystemRow, signedPoints, type AuditFacts } from '../../../../src/domain/assessment/audit-line.js';
import { auditLineText } from '../../../../src/i18n/audit-text.js';

const NAMES = { user: (id: number) => ({ 1: '王经理', 2: '钱多多', 3: '林HR' })[id], department: (id: number) => ({ 7: '华东一组' })[id] };
const row = (over: Partial<AuditFacts>): AuditFacts => ({ actorUserId: 1, action: 'x', entity: 'assessment', entityId: '5', before: null, after: null, ...over });

describe('audit lines', () => {
  it.each([
    [row({ action: 'assessment.adjust', entity: 'assessment_result', before: { userId: 2, periodKey: '2026-11', adjustmentCenti: 0 }, after: { userId: 2, periodKey: '2026-11', adjustmentCenti: 500, adjustmentReason: '大客户贡献' } }), '王经理 将 钱多多 的总分调整 +5：大客户贡献'],
    [row({ action: 'assessment.adjust', entity: 'assessment_result', before: { userId: 2, adjustmentCenti: 300 }, after: { userId: 2, adjustmentCenti: 50, adjustmentReason: '回款撤销' } }), '王经理 将 钱多多 的总分调整 -2.5：回款撤销'],
    [row({ action: 'assessment.submit', before: { periodKey: '2026-11', departmentId: 7 }, after: { periodKey: '2026-11', departmentId: 7 } }), '王经理 提交了 华东一组 2026-11 的考核评审'],
    [row({ actorUserId: 3, action: 'assessment.reject', after: { periodKey: '2026-11', departmentId: 7, reason: '请补充证明' } }), '林HR 驳回了 华东一组 2026-11 的考核：请补充证明'],
    [row({ actorUserId: 3, action: 'assessment.send-back', after: { periodKey: '2026-11', departmentId: 7, reason: '请补充证明', repUserIds: [2, 1] } }), '林HR 将 华东一组 2026-11 考核中的 钱多多、王经理 退回重评：请补充证明'],
    [row({ actorUserId: 3, action: 'assessment.approve', after: { periodKey: '2026-11', departmentId: 7, distributionAcknowledgement: '本月大单集中' } }), '林HR 在强制分布之外通过了 华东一组 2026-11 的考核：本月大单集中'],
    [row({ actorUserId: 3, action: 'assessment.approve', after: { periodKey: '2026-11', departmentId: 7 } }), '林HR 通过了 华东一组 2026-11 的考核'],
    [row({ actorUserId: null, action: 'assessment.generate', after: { periodKey: '2026-11', departmentId: 7 } }), '系统 生成了 华东一组 2026-11 的考核'],
    [row({ actorUserId: 2, action: 'assessment.result.appeal', entity: 'assessment_result', after: { userId: 2, periodKey: '2026-11', reason: '回款漏记' } }), '钱多多 对 2026-11 的考核结果提出申诉：回款漏记'],
    [row({ actorUserId: 9, action: 'customer.create', entity: 'customer', entityId: '12' }), '#9：customer.create（customer #12）'],
    [row({ actorUserId: null, action: 'setting.update', entity: 'setting', entityId: null }), '系统：setting.update（setting）'],
  ])('%# reads as a sentence', (facts, zh) => {
    expect(auditLineText('zh', auditLine(facts, NAMES))).toBe(zh);
  });

  it('reads in English too, with the system named for a row without a person', () => {
    const adjust = row({ action: 'assessment.adjust', before: { userId: 2, adjustmentCenti: 0 }, after: { userId: 2, adjustmentCenti: 500, adjustmentReason: 'key account' } });
    expect(auditLineText('en', auditLine(adjust, NAMES))).toBe('王经理 adjusted 钱多多’s total by +5: key account');
    expect(auditLineText('en', auditLine(row({ actorUserId: null, action: 'assessment.generate', after: { periodKey: '2026-11', departmentId: 8 } }), NAMES))).toBe('System generated the #8 2026-11 assessment');
    const sendBack = row({ actorUserId: 3, action: 'assessment.send-back', after: { periodKey: '2026-11', departmentId: 7, reason: 'proof', repUserIds: [2, 1] } });
    expect(auditLineText('en', auditLine(sendBack, NAMES))).toBe('林HR sent 钱多多, 王经理 of the 华东一组 2026-11 assessment back for re-review: proof');
  });

  it.each([
    [500, '+5'],
    [-250, '-2.5'],
    [0, '0'],
    [1, '+0.01'],
  ])('signedPoints(%d) = %s', (centi, text) => expect(signedPoints(centi)).toBe(text));

  it('a system row is one without an acting person; only an unsubmitted review can be chased', () => {
    expect([isSystemRow({ actorUserId: null }), isSystemRow({ actorUserId: 4 })]).toEqual([true, false]);
    expect(['in_review', 'pending_approval', 'approved'].map(isChasable)).toEqual([true, false, false]);
  });

  it('the chase key changes with the day, the period and the manager, and only with them', () => {
    const base = { periodKey: '2026-11', managerUserId: 4, businessDate: '2026-12-01' };
    expect(chaseKey(base)).toBe(chaseKey({ ...base }));
    const others = [chaseKey({ ...base, businessDate: '2026-12-02' }), chaseKey({ ...base, periodKey: '2026-10' }), chaseKey({ ...base, managerUserId: 5 })];
    expect(new Set([chaseKey(base), ...others]).size).toBe(4);
  });
});
