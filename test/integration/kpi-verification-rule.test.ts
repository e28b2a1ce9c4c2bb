import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardToText, type CardModel } from '../../src/domain/card-model.js';
import { kpiRecords } from '../helpers/kpi-records.js';
import { findButton, replyText, sandboxChat } from '../helpers/sandbox-chat.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/test-app.js';

const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

/**
 * The per-indicator verification rule changing a score as the explained scorecard says (issue 17).
 * 张三 (S101) in November 2026: 3 visits he typed himself (self) and 2 his manager confirmed.
 * Template: visits, target 10, weight 100, linear (cap 120%).
 *   rule "located or manager": 2 / 10 = 20% → total 20, and the card says 3 were left out;
 *   no rule (count everything):  5 / 10 = 50% → total 50, the old score.
 */
const template = (verification?: unknown) => ({
  name: '拜访核实考核',
  periodType: 'month',
  lines: [{ id: 'visits', indicator: 'visits', weight: 100, target: 10, rule: { kind: 'linear' }, ...(verification ? { verification } : {}) }],
});

const cardOf = (messages: { payload: unknown }[]): CardModel => (messages.at(-1)?.payload as { card: CardModel }).card;

describe('the per-indicator verification rule changing a score as the explained scorecard says', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
    const created = await app.app.inject({ method: 'POST', url: '/admin/kpi/templates', headers: auth, payload: { code: 'verified-visits', content: template({ count: ['located', 'manager'] }) } });
    expect(created.statusCode, created.body).toBe(201);
    const assigned = await app.app.inject({ method: 'PUT', url: '/admin/kpi/templates/verified-visits/assignment', headers: auth, payload: { department: '销售部/华东一组' } });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const zhang = await kpiRecords(app.db, 'S101');
    const customer = await zhang.customer();
    await zhang.visits([customer], 3, '2026-11-10', 'self');
    await zhang.visits([customer], 2, '2026-11-12', 'manager');
  });
  afterAll(async () => app.close());

  it('counts the 2 confirmed visits, says the 3 typed ones were left out, and counting everything restores the old score', async () => {
    const chat = sandboxChat(app.app, 'S101');
    const messages = await chat.say('业绩 2026-11');
    const text = replyText(messages.at(-1)!);
    expect(text).toContain('**拜访次数** 2 / 10 · 20% · 20 分 · 权重 100%（3 次拜访未核实，未计入）');
    expect(text).toContain('总分: 20');

    const { action } = findButton(cardOf(messages), '如何计算');
    const opened = await chat.click(messages.at(-1), { command: action.command, args: action.args ?? {} });
    const explained = cardToText(opened.card!);
    expect(explained).toContain('拜访次数 2 / 目标 10 = 20%，得分 20 × 权重 100% = 20（3 次拜访未核实，未计入）');
    expect(explained).toContain('总分 = 加权得分 20 + 加分 0 − 扣分 0 = 20');

    // The admin switches the rule off (a new version from this period on): every visit counts again.
    const edited = await app.app.inject({ method: 'POST', url: '/admin/kpi/templates/verified-visits/versions', headers: auth, payload: { content: template(), effectiveFrom: '2026-11-01' } });
    expect(edited.statusCode, edited.body).toBe(201);
    const again = replyText((await chat.say('业绩 2026-11')).at(-1)!);
    expect(again).toContain('**拜访次数** 5 / 10 · 50% · 50 分 · 权重 100%');
    expect(again).not.toContain('未计入');
    expect(again).toContain('总分: 50');
  });

  it('the admin API keeps the rule on the template line', async () => {
    const res = await app.app.inject({ method: 'GET', url: '/admin/kpi/templates/verified-visits', headers: auth });
    const body = res.json() as { versions: { version: number; content: { lines: { verification?: unknown }[] } }[] };
    expect(body.versions.find((v) => v.version === 1)?.content.lines[0]?.verification).toEqual({ count: ['located', 'manager'] });
  });

  it('refuses a rule with an unknown verification', async () => {
    const bad = await app.app.inject({ method: 'POST', url: '/admin/kpi/templates/verified-visits/versions', headers: auth, payload: { content: template({ count: ['boss'] }), effectiveFrom: '2026-12-01' } });
    expect(bad.statusCode).toBe(400);
  });
});
