import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { seedCustomer } from '../../helpers/records.js';

describe('after saving, the effect on the month (the KPI card\'s own targets)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
  });
  afterEach(async () => t.close());

  // The shipped template counts located or manager-confirmed visits; a typed one waits (issue 17).
  it('a typed visit says 本月拜访次数 n/target and how many wait for verification, and the next one adds to them', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const first = replyText((await chat.say('拜访 华为 聊了预算'))[0]!);
    expect(first).toContain('本月拜访次数 **0/40**，进度 0%（另有 1 次待核实，核实后计入）');
    const second = replyText((await chat.say('拜访 华为 昨天 送样品'))[0]!);
    expect(second).toContain('本月拜访次数 **0/40**，进度 0%（另有 2 次待核实，核实后计入）');
  });

  it('a deal and a payment say 本月签约额 / 本月回款额 in money', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const deal = replyText((await chat.say('成交 华为 5万'))[0]!);
    const payment = replyText((await chat.say('回款 华为 5万'))[0]!);
    expect(deal).toContain('本月签约额 **5万/15万**，进度 33.3%');
    expect(payment).toContain('本月回款额 **5万/10万**，进度 50%');
  });

  it('in English for an English reader', async () => {
    const text = replyText((await sandboxChat(t.app, 'S101').say('visit 华为 budget talk'))[0]!);
    expect(text).toContain('This month, Visits: **0/40**, 0% of target (1 more awaiting verification; they count once verified)');
  });
});
