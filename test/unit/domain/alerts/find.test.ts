import { describe, expect, it } from 'vitest';
import { complaintFindings, completenessFindings, noVisitFindings, sortFindings, stuckDealFindings } from '../../../../src/domain/alerts/find.js';

/** The alert rules as pure functions: facts in, findings (with their outbox key part) out. */
describe('alert findings', () => {
  const reps = [
    { id: 1, name: '张三', joinedOn: '2026-01-05' },
    { id: 2, name: '李四', joinedOn: null },
  ];

  it('no-visit: keyed by the date the streak reached N working days; never visited without a joining date is once ever', () => {
    const findings = noVisitFindings(reps, new Map([[1, '2026-11-23']]), 3, '2026-11-27');
    expect(findings).toEqual([
      { rule: 'no-visit', key: '2026-11-26:user-1', repUserId: 1, name: '张三', days: 4, last: '2026-11-23' },
      { rule: 'no-visit', key: 'never:user-2', repUserId: 2, name: '李四', days: 3, last: null },
    ]);
    expect(noVisitFindings(reps.slice(0, 1), new Map([[1, '2026-11-25']]), 3, '2026-11-27')).toEqual([]);
  });

  it('stuck-deal and complaint: keyed by the business date and the subject', () => {
    const now = Date.parse('2026-11-27T18:00:00+08:00');
    const deal = { id: 7, repUserId: 1, rep: '张三', title: null, customer: '甲公司', amountFen: 100, stage: 'quote', since: now - 31 * 86_400_000 };
    expect(stuckDealFindings([deal], 30, now, 'Asia/Shanghai')).toEqual([expect.objectContaining({ key: '2026-10-27:deal-7', deal: '甲公司', days: 31 })]);
    expect(stuckDealFindings([deal], 31, now, 'Asia/Shanghai')).toEqual([]);
    const long = 'x'.repeat(70);
    const [complaint] = complaintFindings([{ id: 3, repUserId: 1, rep: '张三', customer: '甲公司', content: long, receivedOn: '2026-11-26', receivedAt: now - 30 * 3_600_000 }], now);
    expect(complaint).toMatchObject({ key: '2026-11-26:complaint-3', hours: 30, content: `${'x'.repeat(60)}…` });
  });

  it('completeness: only reps with required fields, below the threshold; sorted by name then rule', () => {
    const measures = new Map([
      [1, { completenessFilled: 1, completenessRequired: 4 }],
      [2, { completenessFilled: 0, completenessRequired: 0 }],
    ]);
    expect(completenessFindings(reps, measures, 80, '2026-11').map((f) => f.key)).toEqual(['2026-11:user-1']);
    expect(sortFindings([{ name: '李四', rule: 'b' }, { name: '张三', rule: 'b' }, { name: '李四', rule: 'a' }])).toEqual([{ name: '李四', rule: 'a' }, { name: '李四', rule: 'b' }, { name: '张三', rule: 'b' }]);
  });
});
