import { describe, expect, it } from 'vitest';
import { assessmentApprovalCard, type AssessmentApprovalCardData } from '../../../cards/assessment-approval.js';
import { distributionCheckLines } from '../../../cards/distribution-check.js';
import { cardToText } from '../../../src/domain/card-model.js';
import { checkDistribution } from '../../../src/domain/kpi/distribution.js';
import { renderCardData } from '../../../src/platforms/dingtalk/render-card.js';
import { renderFeishuCard } from '../../../src/platforms/feishu/render-card.js';

const OPTIONS = { publicBaseUrl: 'https://kpi.example.com' };
const viewOf = (grades: string[]) => {
  const report = checkDistribution(grades);
  return { total: report.total, rounding: report.rounding, checks: report.checks };
};

describe('the forced-distribution check as the card words it', () => {
  it("a 6-person team's check: small-team rounding said once, one plain line per limit", () => {
    const team = viewOf(['S', 'A', 'B', 'B', 'C', 'C']);
    expect(distributionCheckLines(team, 'zh')).toEqual([
      '强制分布（6 人，不足 10 人按小团队取整：上限向上取整，下限向下取整）：S ≤ 10% → ⌈6 × 10%⌉ = 1 人；D ≥ 5% → ⌊6 × 5%⌋ = 0 人',
      'S 级 1 人，上限 1 人 ✓',
      'D 级 0 人，至少 0 人 ✓',
    ]);
    expect(distributionCheckLines(team, 'en')).toEqual([
      'Forced distribution (6 people, under 10, small-team rounding: maximums round up, minimums round down): S ≤ 10% → ⌈6 × 10%⌉ = 1; D ≥ 5% → ⌊6 × 5%⌋ = 0',
      'S: 1, at most 1 ✓',
      'D: 0, at least 0 ✓',
    ]);
  });

  it('a breach is never called within limits: 11 of 12 at D still says how many S and D there are, and a missing D is a breach', () => {
    const mostlyD = distributionCheckLines(viewOf(['S', ...Array<string>(11).fill('D')]), 'zh');
    expect(mostlyD).toEqual(['强制分布（12 人：上限向下取整，下限向上取整）：S ≤ 10% → ⌊12 × 10%⌋ = 1 人；D ≥ 5% → ⌈12 × 5%⌉ = 1 人', 'S 级 1 人，上限 1 人 ✓', 'D 级 11 人，至少 1 人 ✓']);
    const noD = distributionCheckLines(viewOf(Array<string>(12).fill('B')), 'zh');
    expect(noD.at(-1)).toBe('⚠️ D 级 0 人，至少需要 1 人');
    expect([...mostlyD, ...noD].join('\n')).not.toContain('符合');
  });
});

describe('the approval card with a distribution breach', () => {
  const six: AssessmentApprovalCardData = {
    ...assessmentApprovalCard.example,
    reps: ['甲', '乙', '丙', '丁', '戊', '己'].map((name, i) => ({ userId: i + 10, name, employeeNo: `S2${i}`, total: '80', grade: 'B', adjustment: null, reason: null, final: '80', finalGrade: i < 2 ? 'S' : 'B' })),
    distribution: 'S 2 (33.3%) · B 4 (66.7%)',
    distributionCheck: viewOf(['S', 'S', 'B', 'B', 'B', 'B']),
  };

  it('asks for a reason before 通过, and the 通过 click answers with the acknowledgement form', () => {
    const card = assessmentApprovalCard.build(six, 'zh');
    expect(card.color).toBe('orange');
    expect(cardToText(card)).toContain('⚠️ S 级 2 人，超过上限 1 人');
    expect(cardToText(card)).toContain('超出强制分布：通过前须填写确认理由');
    const form = assessmentApprovalCard.build({ ...six, acknowledging: true }, 'zh').elements.find((e) => e.type === 'form');
    expect(form).toMatchObject({ name: 'approve', inputs: [{ name: 'acknowledgement', required: true }], submit: { action: { command: 'assessment.approve' } } });
  });

  for (const locale of ['zh', 'en'] as const) {
    it(`renders on Feishu and DingTalk (${locale}), with and without the acknowledgement form`, () => {
      for (const acknowledging of [false, true]) {
        const card = assessmentApprovalCard.build({ ...six, acknowledging }, locale);
        expect(renderFeishuCard(card, OPTIONS).card).toMatchSnapshot(`feishu ${acknowledging ? 'acknowledging' : 'breach'}`);
        expect(renderCardData(card)).toMatchSnapshot(`dingtalk ${acknowledging ? 'acknowledging' : 'breach'}`);
      }
    });
  }
});
