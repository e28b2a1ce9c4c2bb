import { describe, expect, it } from 'vitest';
import { decodeCardAction, decodeMessageEvent, stripMentions } from '../../../../src/platforms/feishu/decode.js';

const header = { event_id: 'ev1', event_type: 'card.action.trigger', app_id: 'cli_x' };

describe('Feishu decode', () => {
  it('strips the leading bot mention and spells out other mentions', () => {
    const mentions = [{ key: '@_user_1', name: 'Bot' }, { key: '@_user_2', name: '张三' }];
    expect(stripMentions('@_user_1  拜访 华为 @_user_2', mentions)).toBe('拜访 华为 @张三');
  });

  it('ignores group messages without a mention and messages from apps', () => {
    const base = { sender: { sender_id: { open_id: 'ou_1' }, sender_type: 'user' }, message: { message_id: 'om_1', chat_id: 'oc_1', chat_type: 'group', message_type: 'text', content: '{"text":"帮助"}' } };
    expect(decodeMessageEvent(base, 0)).toMatchObject({ ok: false });
    expect(decodeMessageEvent({ ...base, sender: { ...base.sender, sender_type: 'app' } }, 0)).toMatchObject({ ok: false });
  });

  it("in a group answers only a mention of the bot's own open_id; a person or another bot mentioned is ignored", () => {
    const group = (mention: { open_id: string; name: string }, text: string) => ({
      sender: { sender_id: { open_id: 'ou_1' }, sender_type: 'user' },
      message: { message_id: 'om_1', chat_id: 'oc_1', chat_type: 'group', message_type: 'text', content: JSON.stringify({ text }), mentions: [{ key: '@_user_1', id: { open_id: mention.open_id }, name: mention.name }] },
    });
    expect(decodeMessageEvent(group({ open_id: 'ou_bot', name: '考核助手' }, '@_user_1 排行'), 0, 'ou_bot')).toMatchObject({ ok: true, message: { text: '排行' } });
    expect(decodeMessageEvent(group({ open_id: 'ou_other_bot', name: '别的机器人' }, '@_user_1 排行'), 0, 'ou_bot')).toMatchObject({ ok: false, reason: 'group message without @bot' });
    expect(decodeMessageEvent(group({ open_id: 'ou_s102', name: '李四' }, '@_user_1 排行'), 0, 'ou_bot')).toMatchObject({ ok: false });
    // The bot's identity unknown (lookup failed): silent rather than answering every mention.
    expect(decodeMessageEvent(group({ open_id: 'ou_bot', name: '考核助手' }, '@_user_1 排行'), 0, undefined)).toMatchObject({ ok: false });
  });

  it('refuses text over 2,000 characters as tooLong (empty text) instead of cutting it', () => {
    const event = (text: string) => ({ sender: { sender_id: { open_id: 'ou_1' } }, message: { message_id: 'om_1', chat_id: 'oc_1', chat_type: 'p2p', message_type: 'text', content: JSON.stringify({ text }) } });
    expect(decodeMessageEvent(event('拜'.repeat(2000)), 0)).toMatchObject({ ok: true, message: { text: '拜'.repeat(2000) } });
    const over = decodeMessageEvent(event('拜'.repeat(2001)), 0);
    expect(over).toMatchObject({ ok: true, message: { text: '', tooLong: true } });
  });

  it('uses message_id as the dedupe id and lists sender ids in matching order', () => {
    const result = decodeMessageEvent(
      { sender: { sender_id: { user_id: 'u1', union_id: 'on_1', open_id: 'ou_1' } }, message: { message_id: 'om_9', chat_id: 'oc_1', chat_type: 'p2p', message_type: 'text', content: '{"text":" 帮助 "}' } },
      5,
    );
    expect(result).toMatchObject({ ok: true, message: { eventId: 'om_9', text: '帮助', sender: { ids: [{ kind: 'open_id' }, { kind: 'union_id' }, { kind: 'user_id' }] } } });
  });

  it('turns form values into plain strings (dates without offset, multi-selects joined)', () => {
    const result = decodeCardAction(
      header,
      {
        operator: { open_id: 'ou_1' },
        token: 'c-1',
        action: { value: { command: 'visit.submit', args: { id: '3' } }, name: 'visit_submit', form_value: { customer: '华为', visit_date: '2025-01-15 +0800', at: '2025-01-15 09:30 +0800', tags: ['a', 'b'] } },
        context: { open_message_id: 'om_1', open_chat_id: 'oc_1' },
      },
      0,
    );
    expect(result).toMatchObject({
      ok: true,
      action: { eventId: 'ev1', action: { command: 'visit.submit', args: { id: '3' } }, formValues: { customer: '华为', visit_date: '2025-01-15', at: '2025-01-15 09:30', tags: 'a,b' }, conversation: { messageId: 'om_1', extra: { cardToken: 'c-1' } } },
    });
  });

  it('refuses a card action without a command', () => {
    expect(decodeCardAction(header, { operator: { open_id: 'ou_1' }, action: { value: { key: 'v' } } }, 0)).toMatchObject({ ok: false });
  });
});
