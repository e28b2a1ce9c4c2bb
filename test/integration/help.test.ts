import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../src/db/dialect.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { replyText, sandboxChat } from '../helpers/sandbox-chat.js';
import { buttonAction } from '../helpers/records.js';
import type { CardModel } from '../../src/domain/card-model.js';

describe('help through the sandbox', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it.each([
    ['帮助', '销售助手 · 可用命令'],
    ['help', 'Sales assistant · commands'],
    ['/help', 'Sales assistant · commands'],
    ['  ／help  ', 'Sales assistant · commands'],
  ])('"%s" lists the most used commands first, the rest behind a button (English for an English word)', async (text, title) => {
    const chat = sandboxChat(t.app, 'S101');
    const [reply] = await chat.say(text);
    expect(reply?.payload.type).toBe('card');
    expect(replyText(reply!)).toContain(title);
    expect(replyText(reply!)).toContain('拜访 / /visit');
    expect(replyText(reply!)).not.toContain('帮助 / /help');
    const all = await chat.click(reply, buttonAction((reply!.payload as { card: CardModel }).card, title.startsWith('销售') ? '全部命令' : 'All commands'));
    expect(replyText({ type: 'card', card: all.card! })).toContain('帮助 / /help');
  });

  it('answers an unknown command with a hint to send help', async () => {
    const [reply] = await sandboxChat(t.app, 'S101').say('你好啊');
    expect(replyText(reply!)).toContain('发送「帮助」');
  });

  it('politely refuses a person who is not in the org and stores nothing about them', async () => {
    const [reply] = await sandboxChat(t.app, 'NOBODY').say('帮助');
    expect(replyText(reply!)).toContain('不在本系统的组织名单');
  });

  it('handles the same event id once', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const first = await chat.say('帮助', 'evt-1');
    const second = await chat.say('帮助', 'evt-1');
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(0);
  });
});

describe('the rep after a meeting: typos, role-aware help, English', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  const cardOfReply = (reply: { payload: unknown } | undefined) => (reply!.payload as { card: CardModel }).card;
  const fullHelp = async (employeeNo: string) => {
    const chat = sandboxChat(t.app, employeeNo);
    const [reply] = await chat.say('帮助');
    const all = await chat.click(reply, buttonAction(cardOfReply(reply), '全部命令'));
    return replyText({ type: 'card', card: all.card! });
  };

  it('"拜方 华为 …" asks "你是想 拜访 吗？" and its button records the visit with the same text', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [reply] = await chat.say('拜方 华为 聊了采购计划');
    expect(replyText(reply!)).toContain('你是想 拜访 吗？');
    expect(replyText(reply!)).toContain('拜访 华为 聊了采购计划');
    const clicked = await chat.click(reply, buttonAction(cardOfReply(reply), '是，拜访'));
    // The same path as typing "拜访 华为 聊了采购计划": no customer 华为 yet, so it asks about the customer.
    const typed = await sandboxChat(t.app, 'S102').say('拜访 华为 聊了采购计划');
    expect(clicked.sent.map((r) => cardOfReply({ payload: r }).title)).toEqual(typed.map((m) => cardOfReply(m).title));
  });

  it('text that is no near miss still says "发送「帮助」"', async () => {
    const [reply] = await sandboxChat(t.app, 'S101').say('早上好');
    expect(replyText(reply!)).toContain('发送「帮助」');
  });

  it('a rep is not shown HR or decision commands; HR is', async () => {
    const rep = await fullHelp('S101');
    expect(rep).not.toContain('导出 / /export');
    expect(rep).not.toContain('通过 / /approve');
    expect(rep).toContain('确认 / /ack');
    const hr = await fullHelp('H001');
    expect(hr).toContain('导出 / /export');
    expect(hr).toContain('通过 / /approve');
  });

  it('a user whose locale is English gets English replies to Chinese words too', async () => {
    const { users } = tablesOf(t.db);
    await t.db.update(users).set({ locale: 'en' }).where(eq(users.employeeNo, 'S101'));
    const chat = sandboxChat(t.app, 'S101');
    expect(replyText((await chat.say('帮助'))[0]!)).toContain('Sales assistant · commands');
    expect(replyText((await chat.say('拜方 华为'))[0]!)).toContain('Did you mean 拜访?');
    expect(replyText((await chat.say('早上好'))[0]!)).toContain('Sorry, I did not understand');
  });

  it('a refused permission reads as one, not as 输入有误', async () => {
    const [reply] = await sandboxChat(t.app, 'S101').say('导出 2026-11');
    expect(replyText(reply!)).toBe('你没有权限执行此操作。');
  });
});
