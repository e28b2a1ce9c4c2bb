import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { executeSql } from '../../../src/db/dialect.js';
import { createKpiMeasuresRepository } from '../../../src/db/repositories/kpi-measures-repository.js';
import { indicatorOf } from '../../../src/domain/kpi/indicators.js';
import { toDecimalString } from '../../../src/domain/kpi/rational.js';
import { parsePeriodKey } from '../../../src/domain/period.js';
import { kpiRecords } from '../../helpers/kpi-records.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { alertsTo } from '../../helpers/alert-cards.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { devLogin } from '../../helpers/web-session.js';

const at = (iso: string) => Date.parse(iso);
// Only the completeness rule runs, so what reaches the manager is this rule's card.
const ONLY_COMPLETENESS = { ALERT_NO_VISIT_WORKING_DAYS: '0', ALERT_MTD_ACHIEVEMENT_BELOW_PCT: '0', ALERT_STUCK_DEAL_DAYS: '0', ALERT_COMPLAINT_RESPONSE_HOURS: '0' };

/**
 * 刘洋 (S201, manager S200) registered four customers in November; three have region and industry,
 * one lacks its industry: 3 of 4 records complete = 75%. (Counting filled fields instead would give
 * 7/8 = 87.5%, above the 80% threshold: the two old definitions disagreed on this very rep.)
 */
async function seed(t: TestApp): Promise<number> {
  const liu = await kpiRecords(t.db, 'S201');
  await liu.customer('2026-11-03T10:00:00+08:00', 'direct', { region: '上海', industry: '制造' });
  await liu.customer('2026-11-04T10:00:00+08:00', 'direct', { region: '北京', industry: '零售' });
  await liu.customer('2026-11-05T10:00:00+08:00', 'direct', { region: '深圳', industry: '金融' });
  await liu.customer('2026-11-06T10:00:00+08:00', 'direct', { region: '杭州' });
  await liu.customer('2026-10-06T10:00:00+08:00', 'direct'); // October: not this month's record
  await executeSql(t.db, sql`DELETE FROM required_fields`);
  await executeSql(t.db, sql`INSERT INTO required_fields (entity, field, created_at) VALUES ('customer', 'region', 0), ('customer', 'industry', 0)`);
  return liu.userId;
}

describe('one completeness, wherever it is shown', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  it('chat, the H5 API, the alert and the KPI indicator give the same 75% for one rep', async () => {
    t = await createTestApp({ now: '2026-11-27T18:00:00+08:00', env: ONLY_COMPLETENESS });
    const liuId = await seed(t);

    const [reply] = await sandboxChat(t.app, 'S201').say('完整度');
    expect(replyText(reply!)).toContain('刘洋：75%（客户 3/4');

    const h5 = (await (await devLogin(t.app, 'S201')).get('/api/completeness')).json();
    expect(h5.share).toBe(0.75);

    await t.app.jobs.run('alerts', { trigger: 'schedule', now: at('2026-11-27T18:00:00+08:00') });
    expect(await alertsTo(t, 'S200')).toEqual([expect.stringContaining('刘洋 本月资料完整率 75%，低于 80%')]);

    const measures = (await createKpiMeasuresRepository(t.db).measuresForPeriod(parsePeriodKey('2026-11')!)).get(liuId)!;
    expect(toDecimalString(indicatorOf('data_completeness').compute(measures, {})!, 4)).toBe('0.75');
  });

  it('the alert stays quiet until 25% of the month has passed (injected clock: 7 Nov no, 8 Nov yes)', async () => {
    t = await createTestApp({ now: '2026-11-07T18:00:00+08:00', env: ONLY_COMPLETENESS });
    await seed(t);
    const early = await t.app.jobs.run('alerts', { trigger: 'schedule', now: at('2026-11-07T18:00:00+08:00') });
    expect(early).toMatchObject({ status: 'succeeded', result: { sent: 0, details: { found: { completeness: 0 } } } });
    const later = await t.app.jobs.run('alerts', { trigger: 'schedule', now: at('2026-11-08T18:00:00+08:00') });
    expect(later).toMatchObject({ status: 'succeeded', result: { sent: 1, details: { found: { completeness: 1 } } } });
    expect(await alertsTo(t, 'S200')).toEqual([expect.stringContaining('刘洋 本月资料完整率 75%')]);
  });
});
