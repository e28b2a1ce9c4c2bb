import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { replyText, sandboxChat } from '../helpers/sandbox-chat.js';

describe('help through the sandbox', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it.each(['帮助', 'help', '/help', '  ／help  '])('"%s" lists the commands as a card', async (text) => {
    const [reply] = await sandboxChat(t.app, 'S101').say(text);
    expect(reply?.payload.type).toBe('card');
    expect(replyText(reply!)).toContain('帮助 / /help');
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
