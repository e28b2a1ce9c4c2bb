import { describe, expect, it } from 'vitest';
import { cardCallbackIsForApp, decodeCardCallback, decodeRobotMessage, robotMessageIsForApp } from '../../../../src/platforms/dingtalk/decode.js';

const base = {
  conversationId: 'cidXXXX==',
  conversationType: '2',
  conversationTitle: '华东销售群',
  senderStaffId: 'manager4521',
  senderId: '$:LWCP_v1:$abc',
  senderNick: '张三',
  isInAtList: true,
  msgId: 'msgXXXX==',
  createAt: 1700000000000,
  msgtype: 'text',
  text: { content: ' /visit 客户A 已签约' },
  sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=xxxx',
  sessionWebhookExpiredTime: 1700005400000,
};

describe('decodeRobotMessage', () => {
  it('turns the documented group sample into an InboundMessage keyed by senderStaffId', () => {
    const result = decodeRobotMessage(base, 1);
    expect(result).toEqual({
      kind: 'message',
      event: {
        kind: 'message',
        platform: 'dingtalk',
        eventId: 'msgXXXX==',
        sender: { platform: 'dingtalk', ids: [{ kind: 'userId', value: 'manager4521' }], displayName: '张三' },
        conversation: {
          platform: 'dingtalk',
          chatId: 'cidXXXX==',
          chatType: 'group',
          messageId: 'msgXXXX==',
          extra: { conversationId: 'cidXXXX==', sessionWebhook: base.sessionWebhook, sessionWebhookExpiredTime: '1700005400000', senderStaffId: 'manager4521' },
        },
        text: '/visit 客户A 已签约',
        receivedAt: 1,
      },
    });
  });

  it('caps text at 2,000 characters like Feishu: longer text arrives empty and marked tooLong, never cut', () => {
    const at = (content: string) => decodeRobotMessage({ ...base, text: { content } }, 1);
    expect(at('拜'.repeat(2000))).toMatchObject({ kind: 'message', event: { text: '拜'.repeat(2000) } });
    const over = at('拜'.repeat(2001));
    expect(over).toMatchObject({ kind: 'message', event: { text: '', tooLong: true } });
  });

  it('never uses senderId: without senderStaffId the sender is refused', () => {
    const { senderStaffId: _omit, ...external } = base;
    expect(decodeRobotMessage(external, 1)).toMatchObject({ kind: 'no-staff-id', eventId: 'msgXXXX==' });
    expect(decodeRobotMessage({ ...base, senderStaffId: '' }, 1)).toMatchObject({ kind: 'no-staff-id' });
  });

  it('addresses a 1:1 chat by user, marks non-text and quota-stripped messages, ignores group chatter without @', () => {
    const p2p = decodeRobotMessage({ ...base, conversationType: '1' }, 1);
    expect(p2p.kind === 'message' && p2p.event.conversation).toMatchObject({ chatId: 'manager4521', chatType: 'p2p' });
    const audio = decodeRobotMessage({ ...base, msgtype: 'audio', text: undefined, content: { downloadCode: 'x', recognition: '你好', duration: 3 } }, 1);
    expect(audio.kind === 'message' && audio.event).toMatchObject({ nonText: true, text: '' });
    // A picture is a check-in photo: its downloadCode is kept to fetch it, and it is not "non-text".
    const picture = decodeRobotMessage({ ...base, msgtype: 'picture', text: undefined, content: { downloadCode: 'dl-1', pictureDownloadCode: 'pdl-1' } }, 1);
    expect(picture.kind === 'message' && picture.event.nonText).toBeUndefined();
    expect(picture.kind === 'message' && picture.event.attachment).toEqual({ kind: 'image', resource: { platform: 'dingtalk', messageId: 'msgXXXX==', key: 'dl-1' } });
    const stripped = decodeRobotMessage({ ...base, text: undefined }, 1);
    expect(stripped.kind === 'message' && stripped.event.nonText).toBe(true);
    expect(decodeRobotMessage({ ...base, isInAtList: false }, 1).kind).toBe('ignored');
    // A group message without the flag is not a mention of this bot either.
    const { isInAtList: _flag, ...unflagged } = base;
    expect(decodeRobotMessage(unflagged, 1).kind).toBe('ignored');
    expect(decodeRobotMessage({ msgId: 'x' }, 1).kind).toBe('invalid');
  });
});

describe('decodeCardCallback', () => {
  const callback = {
    type: 'actionCallback',
    outTrackId: 'track-1',
    corpId: 'dingcorp',
    userId: 'hr001',
    content: JSON.stringify({ cardPrivateData: { actionIds: ['approve'], params: { action: JSON.stringify({ command: 'assess.approve', args: { id: 'A-17' } }), comment: '同意' } } }),
    spaceType: 'IM_GROUP',
    spaceId: 'cid-hr',
  };

  it('rebuilds the neutral action and form values from the double-encoded content', () => {
    const result = decodeCardCallback(callback, 'frame-1', 5);
    expect(result).toMatchObject({
      kind: 'action',
      event: {
        eventId: 'frame-1',
        sender: { ids: [{ kind: 'userId', value: 'hr001' }] },
        conversation: { chatId: 'cid-hr', chatType: 'group', messageId: 'track-1' },
        action: { command: 'assess.approve', args: { id: 'A-17' } },
        formValues: { comment: '同意' },
      },
    });
  });

  it('refuses a callback without a valid action', () => {
    expect(decodeCardCallback({ ...callback, content: '{"cardPrivateData":{"params":{}}}' }, 'f', 1).kind).toBe('invalid');
    expect(decodeCardCallback({ ...callback, content: 'not json' }, 'f', 1).kind).toBe('invalid');
  });
});

describe('DingTalk callbacks addressed to this app', () => {
  const app = { robotCode: 'dingappkey', corpId: 'dingcorp' };

  it('a robot message must carry our robotCode, and our chatbotCorpId when a corp is configured', () => {
    const message = { robotCode: 'dingappkey', chatbotCorpId: 'dingcorp' };
    expect(robotMessageIsForApp(message, app)).toBe(true);
    expect(robotMessageIsForApp({ ...message, robotCode: 'other' }, app)).toBe(false);
    expect(robotMessageIsForApp({ chatbotCorpId: 'dingcorp' }, app)).toBe(false);
    expect(robotMessageIsForApp({ ...message, chatbotCorpId: 'other' }, app)).toBe(false);
    expect(robotMessageIsForApp({ robotCode: 'dingappkey' }, app)).toBe(false);
    expect(robotMessageIsForApp({ robotCode: 'dingappkey' }, { ...app, corpId: undefined })).toBe(true);
    expect(robotMessageIsForApp('dingappkey', app)).toBe(false);
  });

  it('a card callback must carry our corpId when one is configured', () => {
    expect(cardCallbackIsForApp({ corpId: 'dingcorp' }, app)).toBe(true);
    expect(cardCallbackIsForApp({ corpId: 'other' }, app)).toBe(false);
    expect(cardCallbackIsForApp({}, app)).toBe(false);
    expect(cardCallbackIsForApp({ corpId: 'other' }, { ...app, corpId: undefined })).toBe(true);
  });
});
