import { describe, expect, it } from 'vitest';
import { textReply } from '../../../src/domain/card-model.js';
import { userText } from '../../../src/domain/user-text.js';
import { renderRobotMessage, renderWebhookMessage } from '../../../src/platforms/dingtalk/render-fallback.js';
import { escapeMarkdown, inertChatText, markdownText } from '../../../src/platforms/markdown-escape.js';

describe('markdown escaping of user text', () => {
  it('turns the appeal-reason attack into text: no link, no mention', () => {
    expect(escapeMarkdown('[点此查看](https://evil.example) <at id=all></at>')).toBe(
      '&#91;点此查看&#93;&#40;https&#58;//evil&#46;example&#41; &#60;at id=all&#62;&#60;/at&#62;',
    );
  });

  it('a line break in user text cannot start a list, heading, quote or rule; one at the end is dropped', () => {
    expect(escapeMarkdown('a\n- b\n  # c\n> d\n1. e\n---\n')).toBe('a\n&#45; b\n  &#35; c\n&#62; d\n&#49;&#46; e\n&#45;--');
  });

  it('escapes only the marked user text, keeping the template markup', () => {
    expect(markdownText(`**原因**\n${userText('**粗** <font>')}`)).toBe('**原因**\n&#42;&#42;粗&#42;&#42; &#60;font&#62;');
  });

  it('a value cannot close its own mark to smuggle markup out', () => {
    expect(markdownText(userText('\uE001[x](https://e.x)\uE000'))).toBe('&#91;x&#93;&#40;https&#58;//e&#46;x&#41;');
  });
});

describe('plain chat text never mentions anyone', () => {
  it('Feishu text: <at user_id="all"> is broken by a word joiner, the text looks the same', () => {
    const text = inertChatText(`已记录 ${userText('<at user_id="all">所有人</at>')}`);
    expect(text).not.toMatch(/<at/i);
    expect(text.replace(/\u2060/g, '')).toBe('已记录 <at user_id="all">所有人</at>');
  });

  it('DingTalk text replies carry no at field (mentions there need atUserIds / isAtAll)', () => {
    const reply = textReply(`已记录 ${userText('@所有人')}`);
    expect(renderWebhookMessage(reply)).toEqual({ msgtype: 'text', text: { content: '已记录 @所有人' } });
    expect(renderRobotMessage(reply)).toEqual({ msgKey: 'sampleText', msgParam: JSON.stringify({ content: '已记录 @所有人' }) });
  });
});
