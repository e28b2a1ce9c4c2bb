import { describe, expect, it } from 'vitest';
import { entryProgress } from '../../../../src/domain/kpi/entry-progress.js';
import { indicatorOf, type IndicatorKey } from '../../../../src/domain/kpi/indicators.js';
import { rat, toDecimalString, type Rational } from '../../../../src/domain/kpi/rational.js';
import type { ScorecardLine } from '../../../../src/domain/kpi/scorecard.js';

/** Only what entryProgress reads of a scorecard line. */
const line = (key: IndicatorKey, actual: Rational | null, target: Rational | null): ScorecardLine => ({ indicator: indicatorOf(key), actual, target }) as ScorecardLine;

describe('entryProgress: the line under a saved record', () => {
  it.each([
    ['visit', [line('visits', rat(8), rat(40))], 'visits', '8/40 0.2'],
    ['visit', [line('visits', null, rat(40))], 'visits', '0/40 0'],
    ['payment', [line('visits', rat(1), rat(40)), line('payments_collected', rat(5_000_000), rat(10_000_000))], 'payments_collected', '5000000/10000000 0.5'],
    ['deal', [line('revenue_won', rat(20), rat(15))], 'revenue_won', '20/15 1.33'],
    // The first line with a target is the one scored against.
    ['visit', [line('visits', rat(3), null), line('visits', rat(3), rat(12))], 'visits', '3/12 0.25'],
  ] as const)('%s -> %s', (kind, lines, indicator, expected) => {
    const p = entryProgress(kind, lines);
    expect(p?.indicator).toBe(indicator);
    expect(`${toDecimalString(p!.actual, 0)}/${toDecimalString(p!.target, 0)} ${toDecimalString(p!.achievement, 2)}`).toBe(expected);
  });

  it.each([
    ['survey', [line('visits', rat(1), rat(40))]],
    ['visit', [line('payments_collected', rat(1), rat(40))]],
    ['visit', [line('visits', rat(1), null)]],
    ['visit', [line('visits', rat(1), rat(0))]],
  ] as const)('%s with no target for it -> nothing', (kind, lines) => {
    expect(entryProgress(kind, lines)).toBeUndefined();
  });
});
