import { afterEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { limitedGroupOf } from '../../../src/http/rate-limits.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../helpers/test-app.js';
import { sandboxChat } from '../../helpers/sandbox-chat.js';
import { seedCustomer } from '../../helpers/records.js';
import { pathOf, submitSurvey, surveyUrlIn } from '../../helpers/survey.js';

/**
 * The public survey routes have their own per-address limit (RATE_LIMIT_SURVEY_PER_MINUTE). Counted,
 * not timed: a burst of injected requests from one address, nothing about elapsed time.
 */
describe('survey rate limit', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('/s/ paths count in their own group; other groups are untouched', () => {
    expect(limitedGroupOf('GET', '/s/abc.def')).toBe('survey');
    expect(limitedGroupOf('POST', '/s/abc.def?lang=en')).toBe('survey');
    expect(limitedGroupOf('GET', '/app/')).toBeUndefined();
  });

  it('past the limit one address gets a 429 page (nothing stored); another address and the admin API still pass', async () => {
    const app = await createTestApp({ env: { RATE_LIMIT_SURVEY_PER_MINUTE: '5' } });
    t = app;
    await seedCustomer(app.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
    const path = pathOf(surveyUrlIn(await sandboxChat(app.app, 'S101').say('满意度调查 华为')));
    const crawler = '203.0.113.9';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await app.app.inject({ method: 'GET', url: `/s/guess${i}`, remoteAddress: crawler })).statusCode);
    expect(statuses).toEqual([404, 404, 404, 404, 404]);

    const limited = await submitSurvey(app.app, path, { score: '5', nps: '10' }, {}, crawler);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.headers['content-type']).toContain('text/html');
    expect(limited.body).toContain('请求过于频繁');
    expect(await app.db.select().from(tablesOf(app.db).satisfactionSurveys)).toEqual([]);

    expect((await app.app.inject({ method: 'GET', url: path, remoteAddress: '198.51.100.20' })).statusCode).toBe(200);
    const admin = await app.app.inject({ method: 'GET', url: '/admin/jobs', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, remoteAddress: crawler });
    expect(admin.statusCode).toBe(200);
    const customer = await submitSurvey(app.app, path, { score: '5', nps: '10' }, {}, '198.51.100.20');
    expect(customer.statusCode).toBe(200);
    expect(await app.db.select().from(tablesOf(app.db).satisfactionSurveys)).toHaveLength(1);
  });
});
