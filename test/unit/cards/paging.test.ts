import { describe, expect, it } from 'vitest';
import { assessmentApprovalCard } from '../../../cards/assessment-approval.js';
import { assessmentReviewCard } from '../../../cards/assessment-review.js';
import { cardToText, type CardModel } from '../../../src/domain/card-model.js';

const reps = Array.from({ length: 45 }, (_, i) => ({ userId: i + 1, name: `员工${i + 1}号`, employeeNo: `S${100 + i}`, total: '80', grade: 'B', adjustment: null, reason: null, final: '80', finalGrade: 'B' }));
const buttons = (card: CardModel) => card.elements.flatMap((e) => (e.type === 'actions' ? e.buttons : []));

describe('20 reps a page on the review and approval cards', () => {
  it('shows page 1 of 3 with 下一页 only, whose action re-renders page 2', () => {
    const card = assessmentApprovalCard.build({ ...assessmentApprovalCard.example, reps, page: 0 }, 'zh');
    const text = cardToText(card);
    expect(text).toContain('员工20号');
    expect(text).not.toContain('员工21号');
    expect(text).toContain('第 1/3 页');
    expect(buttons(card).map((b) => b.label)).toEqual(['下一页', '通过', '驳回']);
    expect(buttons(card)[0]?.action).toEqual({ command: 'assessment.approvalPage', args: { id: '1', v: '4', page: '1' } });
  });

  it('the last page has 上一页 only and the rest of the reps; a page past the end shows the last', () => {
    for (const page of [2, 9]) {
      const card = assessmentApprovalCard.build({ ...assessmentApprovalCard.example, reps, page }, 'zh');
      expect(cardToText(card)).toContain('员工45号');
      expect(cardToText(card)).not.toContain('员工40号');
      expect(buttons(card)[0]).toMatchObject({ label: '上一页', action: { args: { page: '1' } } });
    }
  });

  it('the review card pages its list and the adjustment form offers that page’s reps', () => {
    const card = assessmentReviewCard.build({ ...assessmentReviewCard.example, reps, page: 1 }, 'zh');
    const form = card.elements.find((e) => e.type === 'form');
    expect(form?.type === 'form' && form.inputs[0]?.options?.map((o) => o.value)).toEqual(reps.slice(20, 40).map((r) => String(r.userId)));
    expect(buttons(card).map((b) => b.label)).toEqual(['上一页', '下一页', '提交审批']);
  });

  it('a department that fits one page has no paging', () => {
    const card = assessmentApprovalCard.build(assessmentApprovalCard.example, 'zh');
    expect(buttons(card).map((b) => b.label)).toEqual(['通过', '驳回']);
  });
});
