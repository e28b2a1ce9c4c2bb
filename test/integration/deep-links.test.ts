import { max } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../src/db/dialect.js';
import type { CardModel } from '../../src/domain/card-model.js';
import { admin, flush, latestCard, seedNovember } from '../helpers/assessment.js';
import { sandboxChat } from '../helpers/sandbox-chat.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { devLogin } from '../helpers/web-session.js';

const linkOf = (card: CardModel): string | undefined => card.elements.flatMap((e) => (e.type === 'link' ? [e.url] : []))[0];

/** Card links open the record's page in the mini-app: an id in the link, the person's own session for access. */
describe('deep links from chat cards into the mini-app', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ env: { PUBLIC_BASE_URL: 'https://kpi.example.com' }, now: '2026-12-01T08:00:00+08:00' });
  });
  afterEach(async () => t.close());

  it('a visit confirmation links to that visit; the link carries no token and the page’s API serves it to its owner only', async () => {
    const chat = sandboxChat(t.app, 'S101');
    await chat.say('客户 华为技术 直销');
    const [confirmation] = await chat.say('拜访 华为技术 聊了采购计划');
    const card = confirmation?.payload.type === 'card' ? confirmation.payload.card : undefined;
    const url = card ? linkOf(card) : undefined;
    const { visits } = tablesOf(t.db);
    const [{ id: visitId }] = (await t.db.select({ id: max(visits.id) }).from(visits)) as [{ id: number }];
    expect(url).toBe(`https://kpi.example.com/app/#/records/edit-visit?id=${visitId}`);
    expect(url).not.toMatch(/token|session|secret/i);

    const owner = await devLogin(t.app, 'S101');
    const mine = await owner.get(`/api/visits/${visitId}`);
    expect(mine.statusCode).toBe(200);
    const otherTeam = await devLogin(t.app, 'S201');
    expect([403, 404]).toContain((await otherTeam.get(`/api/visits/${visitId}`)).statusCode);
  });

  it('the review and approval cards link to the assessment’s page, which HR can open', async () => {
    await seedNovember(t.db);
    await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-11' });
    await flush(t.app);
    const review = await latestCard(t.app, 'S100', 'assessment-review');
    const url = linkOf(review.card);
    const id = Number(/detail\?id=(\d+)$/.exec(url ?? '')?.[1]);
    expect(url).toBe(`https://kpi.example.com/app/#/assessments/detail?id=${id}`);
    const hr = await devLogin(t.app, 'H001');
    const detail = await hr.get(`/api/assessments/${id}`);
    expect(detail.statusCode, detail.body).toBe(200);
  });
});
