import { templateContentSchema, type TemplateContent } from './template.js';

/**
 * The sales template that ships with the product (月度销售业务员考核), assigned to the rep role when
 * no other template is. Money targets are fen: 10万元 = 10,000,000 fen. Weights add up to 100.
 */
export const DEFAULT_SALES_TEMPLATE: TemplateContent = templateContentSchema.parse({
  name: '销售业务员月度考核',
  periodType: 'month',
  lines: [
    { id: 'payments', indicator: 'payments_collected', weight: 30, target: 10_000_000, rule: { kind: 'linear', gate: 0.5, cap: 1.2 }, primary: true },
    { id: 'revenue', indicator: 'revenue_won', weight: 25, target: 15_000_000, rule: { kind: 'linear', cap: 1.2 } },
    // Visits count when checked in on location or confirmed by the manager (issue 17).
    { id: 'visits', indicator: 'visits', weight: 15, target: 40, rule: { kind: 'linear', cap: 1.2 }, verification: { count: ['located', 'manager'] } },
    { id: 'new_customers', indicator: 'new_customers', weight: 10, target: 8, rule: { kind: 'linear', cap: 1.5 } },
    { id: 'conversion', indicator: 'conversion_rate', weight: 10, target: 0.3, rule: { kind: 'linear', cap: 1.2 } },
    {
      id: 'satisfaction',
      indicator: 'average_satisfaction',
      weight: 10,
      rule: { kind: 'tiered', basis: 'actual', tiers: [{ from: 3.5, points: 60 }, { from: 4, points: 80 }, { from: 4.5, points: 100 }] },
      // Satisfaction as the customer answered it, not as the rep typed it.
      verification: { count: ['customer'] },
    },
    { id: 'complaints', indicator: 'complaints_unresolved', rule: { kind: 'deduction', perUnit: 2, maxPoints: 10 } },
    // Training counts once the manager confirms it, and at most 8 hours a month.
    { id: 'training', indicator: 'training_hours', rule: { kind: 'bonus', perUnit: 0.5, maxPoints: 3 }, verification: { count: ['manager'] }, actualCap: 8 },
  ],
});
