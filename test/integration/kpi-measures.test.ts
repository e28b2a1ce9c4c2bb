import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKpiMeasuresRepository } from '../../src/db/repositories/kpi-measures-repository.js';
import { ensureDefaultSalesChannels } from '../../src/db/repositories/sales-channel-repository.js';
import { tablesOf } from '../../src/db/dialect.js';
import { emptyMeasures } from '../../src/domain/kpi/measures.js';
import { parsePeriodKey } from '../../src/domain/period.js';
import { DEMO_ORG_ROWS } from '../../src/seed/demo-org.js';
import { importOrg } from '../../src/features/org/import.js';
import { readJsonRows } from '../../src/features/imports/tabular.js';
import { kpiRecords } from '../helpers/kpi-records.js';
import { freshTestDb } from '../helpers/fresh-db.js';

const HOUR = 3_600_000;

describe('KPI aggregates over the records tables', () => {
  let test: Awaited<ReturnType<typeof freshTestDb>>;
  beforeEach(async () => {
    test = await freshTestDb('kpi_measures');
    const now = Date.parse('2026-11-27T10:00:00+08:00');
    await ensureDefaultSalesChannels(test.db, now);
    const imported = await importOrg(test.db, readJsonRows(DEMO_ORG_ROWS), { now, actorUserId: null, source: 'cli' });
    expect(imported.ok).toBe(true);
  });
  afterEach(async () => test.cleanup());

  it('puts records on the boundaries in the right month (00:00:00 starts it, 23:59:59 still ends it)', async () => {
    const zhang = await kpiRecords(test.db, 'S101');
    const october = await zhang.customer('2026-10-31T23:59:59+08:00', 'direct');
    const first = await zhang.customer('2026-11-01T00:00:00+08:00', 'referral', { region: '上海', industry: '制造' });
    const last = await zhang.customer('2026-11-30T23:59:59+08:00', 'referral', { region: '杭州' });
    await zhang.customer('2026-12-01T00:00:00+08:00', 'exhibition');
    await zhang.visits([october], 1, '2026-10-31');
    await zhang.visits([first, october], 3, '2026-11-01'); // first, october, first
    await zhang.visits([last], 2, '2026-11-30');
    await zhang.visits([last], 1, '2026-12-01');
    const wonNov = await zhang.deal(first, 5_000_000, 'won', '2026-11-30');
    await zhang.deal(first, 7_000_000, 'won', '2026-10-31');
    await zhang.deal(last, 9_000_000, 'lost', '2026-11-01');
    await zhang.deal(last, 1_000_000, 'lost', '2026-12-01');
    await zhang.deal(last, 3_000_000, 'proposal');
    await zhang.payment(wonNov, first, 2_000_000, '2026-11-01');
    await zhang.payment(wonNov, first, 1_500_000, '2026-11-30');
    await zhang.payment(wonNov, first, 9_999_999, '2026-12-01');
    await zhang.survey(first, 3, '2026-11-01');
    await zhang.survey(first, 4, '2026-11-30');
    await zhang.survey(first, 1, '2026-10-31');
    // Received at the last second of November, answered within the hour, closed at 12-01 00:00:
    // still unresolved when November ended.
    await zhang.complaint(last, '2026-11-30T23:59:59+08:00', '2026-11-30', '2026-12-01T00:00:00+08:00', HOUR);
    // Answered after 25 hours (late), closed inside November.
    await zhang.complaint(first, '2026-11-05T09:00:00+08:00', '2026-11-05', '2026-11-07T09:00:00+08:00', 25 * HOUR);
    // Never answered, never closed.
    await zhang.complaint(first, '2026-11-06T09:00:00+08:00', '2026-11-06', null, null);
    // Answered exactly at 24 h: counts as within 24 h.
    await zhang.complaint(first, '2026-11-07T09:00:00+08:00', '2026-11-07', '2026-11-08T09:00:00+08:00', 24 * HOUR);
    await zhang.training(90, '2026-11-01');
    await zhang.training(45, '2026-11-30');
    await zhang.training(600, '2026-12-01');
    await test.db.insert(tablesOf(test.db).requiredFields).values([
      { entity: 'customer', field: 'region', createdAt: 0 },
      { entity: 'customer', field: 'industry', createdAt: 0 },
    ]);

    const li = await kpiRecords(test.db, 'S102');
    await li.visits([await li.customer('2026-11-03T10:00:00+08:00')], 4, '2026-11-03');

    const measures = createKpiMeasuresRepository(test.db);
    const november = parsePeriodKey('2026-11')!;
    const all = await measures.measuresForPeriod(november);
    const expected = {
      ...emptyMeasures(),
      visits: 5, // 3 on 11-01 + 2 on 11-30
      customersVisited: 3, // first, october, last
      newCustomers: 2, // 11-01 00:00:00 and 11-30 23:59:59
      newCustomersBySalesChannel: { referral: 2 },
      opportunitiesCreated: 5, // every deal was created on 11-27 (the test clock)
      dealsWon: 1,
      revenueWonFen: 5_000_000,
      dealsLost: 1,
      paymentsFen: 3_500_000,
      satisfactionSum: 7,
      satisfactionCount: 2,
      complaints: 4,
      complaintsRespondedIn24h: 2, // 1 h and exactly 24 h
      complaintsUnresolved: 2, // closed at 12-01 00:00, and never closed
      trainingMinutes: 135,
      completenessFilled: 1, // complete records: first has region + industry; last lacks industry
      completenessRequired: 2, // records checked: the 2 customers created in November
      // Every record here was typed by the rep: one 'self' slice with the same sums and the record counts.
      byVerification: {
        self: { visits: 5, payments: 2, paymentsFen: 3_500_000, satisfactionSum: 7, satisfactionCount: 2, complaints: 4, complaintsRespondedIn24h: 2, complaintsUnresolved: 2, trainings: 2, trainingMinutes: 135 },
      },
    };
    expect(all.get(zhang.userId)).toEqual(expected);
    expect(all.get(li.userId)).toMatchObject({ visits: 4, customersVisited: 1, newCustomers: 1 });

    // One rep's card reads only that rep's rows and gets the same numbers.
    const single = await measures.measuresForPeriod(november, new Set([zhang.userId]));
    expect([...single.keys()]).toEqual([zhang.userId]);
    expect(single.get(zhang.userId)).toEqual(expected);

    const october2 = (await measures.measuresForPeriod(parsePeriodKey('2026-10')!)).get(zhang.userId);
    expect(october2).toMatchObject({ visits: 1, newCustomers: 1, dealsWon: 1, revenueWonFen: 7_000_000, satisfactionCount: 1, trainingMinutes: 0 });
    const week = (await measures.measuresForPeriod(parsePeriodKey('2026-W49')!)).get(zhang.userId); // 11-30 (Mon) .. 12-06
    expect(week).toMatchObject({ visits: 3, trainingMinutes: 645, paymentsFen: 1_500_000 + 9_999_999 });
  });
});
