import { describe, expect, it } from 'vitest';
import { DEFAULT_SALES_TEMPLATE } from '../../../../src/domain/kpi/default-template.js';
import { primaryLineOf, templateContentSchema, versionInForce } from '../../../../src/domain/kpi/template.js';
import { parsePeriodKey } from '../../../../src/domain/period.js';
import { bilingualIssue } from '../../../../src/i18n/issue-text.js';

const line = { id: 'visits', indicator: 'visits', weight: 10, target: 40, rule: { kind: 'linear' } };

describe('template content', () => {
  it('ships a valid default sales template whose weights add up to 100', () => {
    expect(DEFAULT_SALES_TEMPLATE.lines.reduce((s, l) => s + l.weight, 0)).toBe(100);
    expect(primaryLineOf(DEFAULT_SALES_TEMPLATE)?.id).toBe('payments');
    expect(DEFAULT_SALES_TEMPLATE.gradeBands.map((b) => b.grade)).toEqual(['S', 'A', 'B', 'C', 'D']);
  });

  it.each<[string, unknown, RegExp]>([
    ['duplicate line ids', { lines: [line, line] }, /duplicate line id/],
    ['unknown indicator', { lines: [{ ...line, indicator: 'happiness' }] }, /未知指标，可选：visits, .* \(unknown indicator\)/],
    ['linear without target', { lines: [{ ...line, target: undefined }] }, /needs a target/],
    ['weighted line without weight', { lines: [{ ...line, weight: 0 }] }, /weight must be > 0/],
    ['channel indicator without channel', { lines: [line, { id: 'ch', indicator: 'new_customers_by_channel', weight: 5, target: 3, rule: { kind: 'linear' } }] }, /needs a channel/],
    ['tiers not ascending', { lines: [{ ...line, rule: { kind: 'tiered', tiers: [{ from: 2, points: 5 }, { from: 1, points: 10 }] } }] }, /ascend/],
    ['only a deduction line', { lines: [{ id: 'c', indicator: 'complaints', rule: { kind: 'deduction', perUnit: 1, maxPoints: 5 } }] }, /at least one/],
    ['gate above cap', { lines: [{ ...line, rule: { kind: 'linear', gate: 1.5, cap: 1.2 } }] }, /gate above cap/],
    ['negative target', { lines: [{ ...line, target: -1 }] }, /negative/],
    ['bands not descending', { lines: [line], gradeBands: [{ grade: 'A', min: 80 }, { grade: 'B', min: 90 }, { grade: 'C', min: 0 }] }, /descend/],
    ['empty total range', { lines: [line], totalRange: { min: 100, max: 100 } }, /min must be below max/],
  ])('refuses %s with a clear message', (_name, patch, message) => {
    const result = templateContentSchema.safeParse({ name: 't', periodType: 'month', ...(patch as object) });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map(bilingualIssue).join('\n')).toMatch(message);
  });
});

describe('template issues hold keys, translated by src/i18n', () => {
  it('names the line in params and reads "中文 (English)" once translated', () => {
    const result = templateContentSchema.safeParse({ name: 't', periodType: 'month', lines: [{ ...line, weight: 0 }] });
    const issue = result.error?.issues[0];
    expect(issue).toMatchObject({ message: 'kpi.template.weight', params: { line: 'visits' } });
    expect(bilingualIssue(issue!)).toBe('visits：计分行的权重必须大于 0 (weight must be > 0)');
    expect(bilingualIssue({ message: 'Invalid input' })).toBe('Invalid input');
  });
});

describe('template versions', () => {
  const versions = [
    { version: 1, effectiveFrom: '2026-01-01' },
    { version: 2, effectiveFrom: '2026-11-01' },
    { version: 3, effectiveFrom: '2026-12-01' },
  ];

  it('scores a period with the version in force when it started', () => {
    expect(versionInForce(versions, parsePeriodKey('2026-10')!)?.version).toBe(1);
    expect(versionInForce(versions, parsePeriodKey('2026-11')!)?.version).toBe(2);
    expect(versionInForce(versions, parsePeriodKey('2026-12')!)?.version).toBe(3);
    // A version that starts mid-period does not change that period.
    expect(versionInForce([{ version: 1, effectiveFrom: '2026-01-01' }, { version: 2, effectiveFrom: '2026-11-15' }], parsePeriodKey('2026-11')!)?.version).toBe(1);
    expect(versionInForce(versions, parsePeriodKey('2025-12')!)).toBeUndefined();
  });

  it('prefers the newest version among those with the same start', () => {
    expect(versionInForce([...versions, { version: 4, effectiveFrom: '2026-11-01' }], parsePeriodKey('2026-11')!)?.version).toBe(4);
  });
});
