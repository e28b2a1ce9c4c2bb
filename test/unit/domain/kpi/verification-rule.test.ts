import { describe, expect, it } from 'vitest';
import { emptyMeasures, emptyVerifiedMeasures, type RepMeasures, type VerifiedMeasures } from '../../../../src/domain/kpi/measures.js';
import { rat } from '../../../../src/domain/kpi/rational.js';
import { computeScorecard } from '../../../../src/domain/kpi/scorecard.js';
import { explainLine } from '../../../../src/domain/kpi/explain.js';
import { templateContentSchema } from '../../../../src/domain/kpi/template.js';
import { applyVerificationRule, verificationRuleSchema, verificationWeight, type VerificationRule } from '../../../../src/domain/kpi/verification-rule.js';
import type { Verification } from '../../../../src/domain/records/vocabulary.js';
import { parsePeriodKey } from '../../../../src/domain/period.js';
import { sayAll } from '../../../../src/i18n/phrase.js';

const november = parsePeriodKey('2026-11')!;

/** A month whose records are split by verification; the totals are the slices' sums, as the query gives them. */
function month(slices: Partial<Record<Verification, Partial<VerifiedMeasures>>>): RepMeasures {
  const m = emptyMeasures();
  const byVerification: Partial<Record<Verification, VerifiedMeasures>> = {};
  for (const [v, part] of Object.entries(slices) as [Verification, Partial<VerifiedMeasures>][]) {
    const slice = { ...emptyVerifiedMeasures(), ...part };
    byVerification[v] = slice;
    m.visits += slice.visits;
    m.paymentsFen += slice.paymentsFen;
    m.satisfactionSum += slice.satisfactionSum;
    m.satisfactionCount += slice.satisfactionCount;
    m.complaints += slice.complaints;
    m.complaintsUnresolved += slice.complaintsUnresolved;
    m.trainingMinutes += slice.trainingMinutes;
  }
  return { ...m, byVerification };
}

const mixed = month({
  self: { visits: 3, payments: 1, paymentsFen: 100, satisfactionSum: 9, satisfactionCount: 2, complaints: 1, complaintsUnresolved: 1, trainings: 2, trainingMinutes: 240 },
  manager: { visits: 2, trainings: 1, trainingMinutes: 60 },
  located: { visits: 1 },
  customer: { satisfactionSum: 4, satisfactionCount: 1 },
  finance: { payments: 2, paymentsFen: 500 },
});

describe('verificationWeight', () => {
  it.each<[string, VerificationRule | undefined, Verification, number]>([
    ['no rule counts everything', undefined, 'self', 1],
    ['a listed verification counts fully', { count: ['manager'] }, 'manager', 1],
    ['an unlisted one counts nothing', { count: ['manager'] }, 'self', 0],
    ['a weight is taken as given', { count: ['self', 'manager'], weights: { self: 0.5 } }, 'self', 0.5],
    ['an unweighted listed one counts fully', { count: ['self', 'manager'], weights: { self: 0.5 } }, 'manager', 1],
  ])('%s', (_name, rule, v, weight) => expect(verificationWeight(rule, v)).toBe(weight));
});

describe('applyVerificationRule', () => {
  it.each<[string, Parameters<typeof applyVerificationRule>[1], VerificationRule | undefined, Partial<RepMeasures>, number]>([
    ['visits: located or manager', 'visits', { count: ['located', 'manager'] }, { visits: 3 }, 3],
    ['visits: no rule', 'visits', undefined, { visits: 6 }, 0],
    ['visits: self at half weight', 'visits', { count: ['self', 'located', 'manager'], weights: { self: 0.5 } }, { visits: 4.5 }, 0],
    ['satisfaction: customer only', 'average_satisfaction', { count: ['customer'] }, { satisfactionSum: 4, satisfactionCount: 1 }, 2],
    ['training: manager only', 'training_hours', { count: ['manager'] }, { trainingMinutes: 60 }, 2],
    ['payments: finance only', 'payments_collected', { count: ['finance'] }, { paymentsFen: 500 }, 1],
    ['complaints: manager only leaves the self one out', 'complaints_unresolved', { count: ['manager'] }, { complaints: 0, complaintsUnresolved: 0 }, 1],
    ['an indicator without verified records passes through', 'new_customers', { count: ['manager'] }, { visits: 6 }, 0],
  ])('%s', (_name, indicator, rule, expected, leftOut) => {
    const ruled = applyVerificationRule(mixed, indicator, rule);
    expect(ruled.measures).toMatchObject(expected);
    expect(ruled.leftOut).toBe(leftOut);
  });
});

describe('the rule in a template', () => {
  it.each<[string, unknown, boolean]>([
    ['a set of verifications', { count: ['located', 'manager'] }, true],
    ['with weights of counted ones', { count: ['self', 'manager'], weights: { self: 0, manager: 1 } }, true],
    ['an empty set', { count: [] }, false],
    ['an unknown verification', { count: ['boss'] }, false],
    ['a weight above 1', { count: ['self'], weights: { self: 2 } }, false],
    ['a weight for a verification that does not count', { count: ['manager'], weights: { self: 0.5 } }, false],
  ])('%s', (_name, rule, ok) => expect(verificationRuleSchema.safeParse(rule).success).toBe(ok));

  const content = (extra: Record<string, unknown>) =>
    templateContentSchema.parse({ name: 't', periodType: 'month', lines: [{ id: 'visits', indicator: 'visits', weight: 100, target: 10, rule: { kind: 'linear' }, ...extra }] });

  it('scores only what the rule admits and says what it left out, in both languages', () => {
    const card = computeScorecard({ content: content({ verification: { count: ['located', 'manager'] } }), period: november, measures: mixed });
    const line = card.lines[0]!;
    expect(line.actual).toEqual(rat(3));
    expect(line.leftOut).toEqual({ source: 'visits', count: 3 });
    expect(sayAll('zh', explainLine(line, card))).toContain('（3 次拜访未核实，未计入）');
    expect(sayAll('en', explainLine(line, card))).toContain('(3 unverified visits not counted)');
  });

  it('a line without a rule says nothing is left out', () => {
    const card = computeScorecard({ content: content({}), period: november, measures: mixed });
    expect(card.lines[0]!.actual).toEqual(rat(6));
    expect(card.lines[0]!.leftOut).toBeNull();
    expect(sayAll('zh', explainLine(card.lines[0]!, card))).not.toContain('未计入');
  });

  it('caps training hours per period and says the capped part', () => {
    const training = templateContentSchema.parse({
      name: 't',
      periodType: 'month',
      lines: [
        { id: 'visits', indicator: 'visits', weight: 100, target: 10, rule: { kind: 'linear' } },
        { id: 'training', indicator: 'training_hours', rule: { kind: 'bonus', perUnit: 0.5, maxPoints: 10 }, actualCap: 3 },
      ],
    });
    const card = computeScorecard({ content: training, period: november, measures: mixed });
    const line = card.lines[1]!;
    expect(line.actual).toEqual(rat(3));
    expect(line.uncappedActual).toEqual(rat(5));
    expect(line.points).toEqual(rat(3, 2));
    expect(sayAll('zh', explainLine(line, card))).toContain('本期最多计 3小时，实际 5小时，超出部分未计入');
  });
});
