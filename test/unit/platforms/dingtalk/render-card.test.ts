import { describe, expect, it } from 'vitest';
import { CARD_TEMPLATES } from '../../../../cards/index.js';
import type { CardModel } from '../../../../src/domain/card-model.js';
import { markdownText, plainText } from '../../../../src/platforms/markdown-escape.js';
import { cardDataFits, renderCardCallbackResponse, renderCardData } from '../../../../src/platforms/dingtalk/render-card.js';
import { linkButtons, renderMarkdownFallback, renderRobotMessage, renderWebhookMessage } from '../../../../src/platforms/dingtalk/render-fallback.js';

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
      // Without a template: an actionCard with link buttons when an action has a page, else markdown.
      const webhook = renderWebhookMessage({ type: 'card', card });
      if (linkButtons(card).length === 0) expect(webhook).toEqual({ msgtype: 'markdown', markdown });
      else expect(webhook).toMatchObject({ msgtype: 'actionCard', actionCard: { title: markdown.title, text: markdown.text } });
      expect(JSON.parse(renderRobotMessage({ type: 'card', card }).msgParam)).toMatchObject(markdown);
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

  it('splits a long body over the body slots, each within 1 KB, and sends unused slots empty', () => {
    const long: CardModel = { template: 'test', title: '长卡片', elements: Array.from({ length: 12 }, (_, i) => ({ type: 'markdown' as const, text: `第${i}段 ${'销售'.repeat(40)}` })) };
    const data = renderCardData(long);
    expect(cardDataFits(data)).toBe(true);
    expect(data.cardParamMap.body).toContain('第0段');
    expect(data.cardParamMap.body).toContain('第3段');
    expect(data.cardParamMap.body2).toContain('第4段');
    expect(data.cardParamMap.body8).toBe('');
    expect(Object.values(data.cardParamMap).join('')).toContain('第11段');
  });

  it('cuts one over-long text with 查看全文 linking to the card’s page, keeping the link whole', () => {
    const url = 'https://kpi.example.com/app/#/assessments/detail?id=7';
    const long: CardModel = { template: 'test', title: '长卡片', elements: [{ type: 'markdown', text: '销售'.repeat(1000) }, { type: 'link', label: '在网页中查看', url }] };
    const data = renderCardData(long);
    expect(cardDataFits(data)).toBe(true);
    expect(data.cardParamMap.body).toMatch(new RegExp(`…\\[查看全文\\]\\(${url.replace(/[.?#/]/g, '\\$&')}\\)\n\n\\[在网页中查看\\]`));
    expect(data.cardParamMap.body?.endsWith(`[在网页中查看](${url})`)).toBe(true);
  });

  it('renders the no-template fallback as an actionCard with link buttons and the typed commands', () => {
    const url = 'https://kpi.example.com/app/#/dashboard?period=2026-11';
    const result: CardModel = {
      template: 'test',
      title: '2026-11 考核结果',
      elements: [
        { type: 'actions', buttons: [{ label: '确认', action: { command: 'assessment.ack', args: { result: '7' } }, typed: '确认 2026-11' }, { label: '申诉', action: { command: 'assessment.appealForm', args: { result: '7' } }, typed: '申诉 2026-11 理由' }] },
        { type: 'link', label: '在网页中查看我的业绩', url },
      ],
    };
    const webhook = renderWebhookMessage({ type: 'card', card: result }) as { actionCard: { text: string; btns: unknown[] } };
    expect(webhook.actionCard.btns).toEqual([{ title: '确认', actionURL: url }, { title: '申诉', actionURL: url }]);
    expect(webhook.actionCard.text).toContain('「确认 2026-11」');
    expect(webhook.actionCard.text).toContain('「申诉 2026-11 理由」');
    expect(renderRobotMessage({ type: 'card', card: result })).toMatchObject({ msgKey: 'sampleActionCard2' });
    expect(JSON.parse(renderRobotMessage({ type: 'card', card: result }).msgParam)).toMatchObject({ actionTitle1: '确认', actionURL1: url, actionTitle2: '申诉', actionURL2: url });
  });

  it('puts the replacement card in public data and the toast in the clicker\'s private data', () => {
    expect(renderCardCallbackResponse({ card, toast: { kind: 'success', text: '已同意' } })).toMatchObject({
      cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
      cardData: { cardParamMap: { title: '考核待审批' } },
      userPrivateData: { cardParamMap: { toast: '已同意', toastKind: 'success' } },
    });
  });
});
