import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardsOf, flush, novemberInReview, userIdOf } from '../../helpers/assessment.js';
import type { TestApp } from '../../helpers/test-app.js';
import { devLogin, type WebClient } from '../../helpers/web-session.js';

interface Entry {
  id: number;
  actor: string | null;
  system: boolean;
  line: string;
  action: string;
}

const DAY = 24 * 3600_000;

/**
 * HR at month end (clock: 1 December 2026, November just generated, 华东一组 in review): 催办 sends
 * the manager one nudge card a day; the audit log reads newest first in sentences, filtered by
 * person, with the rows nobody did (the generating job) hidden unless asked.
 */
describe('H5 API: HR chases a review and reads the audit log', () => {
  let t: TestApp;
  let hr: WebClient;
  let manager: WebClient;
  let eastId: number;

  beforeEach(async () => {
    ({ t, hr, manager } = await novemberInReview());
    const list = (await hr.get('/api/assessments?period=2026-11')).json().assessments as { id: number; department: string; status: string }[];
    const east = list.find((a) => a.department === '华东一组');
    expect(east?.status).toBe('in_review');
    eastId = (east as { id: number }).id;
  });
  afterEach(async () => t.close());

  const chaseCards = async () => (await cardsOf(t.app, 'S100', 'info')).filter((c) => JSON.stringify(c).includes('催办'));

  it('催办 queues one nudge card to the manager a day; a second click says it was already sent', async () => {
    const first = await hr.post(`/api/assessments/${eastId}/chase`, {});
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ sent: true, message: '已催办 王经理' });
    await flush(t.app);
    const cards = await chaseCards();
    expect(cards).toHaveLength(1);
    expect(JSON.stringify(cards[0])).toContain('林HR 提醒你尽快提交 华东一组 2026-11 的考核评审');

    const again = await hr.post(`/api/assessments/${eastId}/chase`, {});
    expect(again.json()).toEqual({ sent: false, message: '今天已催办过 王经理，明天可再次催办' });
    await flush(t.app);
    expect(await chaseCards()).toHaveLength(1);

    t.clock.advance(DAY);
    // The next morning (a fresh session: yesterday's has run out).
    hr = await devLogin(t.app, 'H001');
    expect((await hr.post(`/api/assessments/${eastId}/chase`, {})).json().sent).toBe(true);
    await flush(t.app);
    expect(await chaseCards()).toHaveLength(2);
  });

  it('only HR (or an admin) chases, and only a review not yet submitted', async () => {
    expect((await manager.post(`/api/assessments/${eastId}/chase`, {})).statusCode).toBe(403);
    expect((await hr.post('/api/assessments/99999/chase', {})).statusCode).toBe(404);
    const { version } = (await manager.get(`/api/assessments/${eastId}`)).json().assessment as { version: number };
    expect((await manager.post(`/api/assessments/${eastId}/submit`, { version })).statusCode).toBe(200);
    const refused = await hr.post(`/api/assessments/${eastId}/chase`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('这份考核已提交，无需催办');
    await flush(t.app);
    expect(await chaseCards()).toHaveLength(0);
  });

  it('the audit log: newest first, in sentences, by person; system rows only with the toggle', async () => {
    const zhang = (await userIdOf(t.db, 'S101'));
    const wang = (await userIdOf(t.db, 'S100'));
    expect((await manager.post(`/api/assessments/${eastId}/adjust`, { repUserId: zhang, points: '+5', reason: '大客户贡献' })).statusCode).toBe(200);
    const { version } = (await manager.get(`/api/assessments/${eastId}`)).json().assessment as { version: number };
    expect((await manager.post(`/api/assessments/${eastId}/submit`, { version })).statusCode).toBe(200);

    const people = (await hr.get('/api/audit?period=2026-11')).json();
    const entries = people.entries as Entry[];
    expect(entries.map((e) => e.line)).toEqual(['王经理 提交了 华东一组 2026-11 的考核评审', '王经理 将 张三 的总分调整 +5：大客户贡献']);
    expect(entries.every((e) => !e.system)).toBe(true);
    expect(people.people).toEqual(expect.arrayContaining([{ id: zhang, name: '张三' }]));

    const all = (await hr.get('/api/audit?period=2026-11&system=true')).json().entries as Entry[];
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
    expect(all.slice(0, 2).map((e) => e.line)).toEqual(entries.map((e) => e.line));
    const generated = all.filter((e) => e.system);
    expect(generated.length).toBeGreaterThan(0);
    expect(generated.map((e) => e.action)).toContain('assessment.generate');
    expect(generated.every((e) => e.actor === null && e.line.startsWith('系统 '))).toBe(true);

    // By person: what they did, and what was done about them.
    expect(((await hr.get(`/api/audit?period=2026-11&person=${zhang}`)).json().entries as Entry[]).map((e) => e.action)).toEqual(['assessment.adjust']);
    expect(((await hr.get(`/api/audit?period=2026-11&person=${wang}`)).json().entries as Entry[]).map((e) => e.action)).toEqual(['assessment.submit', 'assessment.adjust']);
    expect(((await hr.get('/api/audit?period=2026-10')).json().entries as Entry[])).toEqual([]);

    const english = await t.app.inject({ method: 'GET', url: `/api/audit?period=2026-11&person=${zhang}`, headers: { cookie: hr.cookie, 'x-locale': 'en' } });
    expect((english.json().entries as Entry[])[0]?.line).toBe('王经理 adjusted 张三’s total by +5: 大客户贡献');
    expect((await manager.get('/api/audit')).statusCode).toBe(403);
  });
});
