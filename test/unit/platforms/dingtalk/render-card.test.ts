import { describe, expect, it } from 'vitest';
import { CARD_TEMPLATES } from '../../../../cards/index.js';
import type { CardModel } from '../../../../src/domain/card-model.js';
import { markdownText, plainText } from '../../../../src/platforms/markdown-escape.js';
import { cardDataFits, fitCardData, renderCardCallbackResponse, renderCardData, renderMarkdownFallback, renderRobotMessage, renderWebhookMessage } from '../../../../src/platforms/dingtalk/render-card.js';

/** Every shipped template, in both locales: snapshot of the DingTalk card data and the markdown fallback. */
describe.each(CARD_TEMPLATES.flatMap((template) => (['zh', 'en'] as const).map((locale) => [template.id, locale, template] as const)))(
  'DingTalk rendering of card %s (%s)',
  (_id, locale, template) => {
    const card = template.build(template.example, locale);

    it('matches the snapshot (card data and markdown fallback)', () => {
      expect({ cardData: renderCardData(card), markdown: renderMarkdownFallback(card) }).toMatchSnapshot();
    });

    it('is structurally valid for DingTalk', () => {
      const { cardParamMap } = renderCardData(card);
      // DingTalk accepts only strings in cardParamMap, keys ≤ 100 B and values ≤ 1 KB.
      for (const [key, value] of Object.entries(cardParamMap)) {
        expect(typeof value, key).toBe('string');
        expect(Buffer.byteLength(key)).toBeLessThanOrEqual(100);
      }
      expect(cardDataFits(renderCardData(card))).toBe(true);
      const buttons = JSON.parse(cardParamMap.buttons as string) as { action: string }[];
      for (const button of buttons) expect(JSON.parse(button.action)).toHaveProperty('command');
      // Template variables are plain text; the fallback is markdown with the user text escaped.
      expect(cardParamMap.title).toBe(plainText(card.title));
      const markdown = renderMarkdownFallback(card);
      expect(markdown.text.startsWith(`### ${markdownText(card.title)}`)).toBe(true);
      // The fallback carries every piece of text the card shows.
      for (const element of card.elements) {
        if (element.type === 'markdown' || element.type === 'note') expect(markdown.text).toContain(markdownText(element.text));
        if (element.type === 'fields') for (const f of element.fields) expect(markdown.text).toContain(markdownText(f.value));
      }
      expect(JSON.parse(renderRobotMessage({ type: 'card', card }).msgParam)).toEqual(markdown);
      expect(renderWebhookMessage({ type: 'card', card })).toEqual({ msgtype: 'markdown', markdown });
    });
  },
);

describe('DingTalk rendering of interactive elements', () => {
  const card: CardModel = {
    template: 'test',
    title: '考核待审批',
    color: 'orange',
    elements: [
      { type: 'fields', fields: [{ label: '得分', value: '92' }] },
      { type: 'actions', buttons: [{ label: '同意', style: 'primary', action: { command: 'assess.approve', args: { id: 'A-17' } } }, { label: '退回', style: 'danger', action: { command: 'assess.reject', args: { id: 'A-17' } } }] },
      { type: 'form', name: 'comment', inputs: [{ name: 'reason', label: '理由', kind: 'textarea', required: true }], submit: { label: '提交', action: { command: 'assess.comment' } } },
    ],
  };

  it('carries each button as {command,args} JSON for the 回传请求 parameter, and the form inputs', () => {
    const { cardParamMap } = renderCardData(card);
    expect(JSON.parse(cardParamMap.buttons as string)).toEqual([
      { id: 'b0', text: '同意', color: 'blue', action: '{"command":"assess.approve","args":{"id":"A-17"}}' },
      { id: 'b1', text: '退回', color: 'red', action: '{"command":"assess.reject","args":{"id":"A-17"}}' },
    ]);
    expect(JSON.parse(cardParamMap.form as string)).toMatchObject([{ name: 'reason', label: '理由', kind: 'textarea', required: 'true' }]);
    expect(JSON.parse(cardParamMap.submit as string)).toMatchObject({ text: '提交', action: '{"command":"assess.comment","args":{}}' });
    expect(cardParamMap.hasButtons).toBe('true');
    expect(renderMarkdownFallback(card).text).toContain('- 同意');
  });

  it('detects data over 1 KB per value and shortens the body of an update to fit', () => {
    const long: CardModel = { template: 'test', title: '长卡片', elements: [{ type: 'markdown', text: '销售'.repeat(400) }] };
    const data = renderCardData(long);
    expect(cardDataFits(data)).toBe(false);
    const fitted = fitCardData(data);
    expect(cardDataFits(fitted)).toBe(true);
    expect(fitted.cardParamMap.body?.endsWith('…')).toBe(true);
    expect(fitted.cardParamMap.title).toBe('长卡片');
  });

  it('keeps a card’s link whole when it shortens the body of an update', () => {
    const url = 'https://kpi.example.com/app/#/assessments/detail?id=7';
    const long: CardModel = { template: 'test', title: '长卡片', elements: [{ type: 'markdown', text: '销售'.repeat(400) }, { type: 'link', label: '在网页中查看', url }] };
    const fitted = fitCardData(renderCardData(long));
    expect(cardDataFits(fitted)).toBe(true);
    expect(fitted.cardParamMap.body?.endsWith(`…\n\n[在网页中查看](${url})`)).toBe(true);
  });

  it('puts the replacement card in public data and the toast in the clicker\'s private data', () => {
    expect(renderCardCallbackResponse({ card, toast: { kind: 'success', text: '已同意' } })).toMatchObject({
      cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
      cardData: { cardParamMap: { title: '考核待审批' } },
      userPrivateData: { cardParamMap: { toast: '已同意', toastKind: 'success' } },
    });
  });
});
