import { describe, expect, it } from 'vitest';
import { groupRankingCard } from '../../../cards/group-ranking.js';
import { winAnnouncementCard } from '../../../cards/win-announcement.js';
import { cardToText } from '../../../src/domain/card-model.js';
import { CARD_VALUE_LIMIT_BYTES } from '../../../src/platforms/dingtalk/card-budget.js';
import { renderCardData } from '../../../src/platforms/dingtalk/render-card.js';
import { renderMarkdownFallback } from '../../../src/platforms/dingtalk/render-fallback.js';
import { renderFeishuCard } from '../../../src/platforms/feishu/render-card.js';

const OPTIONS = { publicBaseUrl: 'https://kpi.example.com' };

/** Every DingTalk cardParamMap value within the 1 KB rule (dingtalk.md §5.2). */
function expectWithinDingTalkRule(cardData: ReturnType<typeof renderCardData>) {
  const values = Object.values(cardData.cardParamMap);
  expect(values.every((v) => typeof v === 'string')).toBe(true);
  for (const value of values) expect(Buffer.byteLength(value, 'utf8')).toBeLessThanOrEqual(CARD_VALUE_LIMIT_BYTES);
}

describe('the weekly team post (group-ranking)', () => {
  const card = groupRankingCard.build(groupRankingCard.example, 'zh');

  it('matches its snapshots on Feishu and DingTalk, DingTalk values within the size rule', () => {
    expect(renderFeishuCard(card, OPTIONS).card).toMatchSnapshot();
    const cardData = renderCardData(card);
    expect({ cardData, markdown: renderMarkdownFallback(card) }).toMatchSnapshot();
    expectWithinDingTalkRule(cardData);
  });

  it('names the top with medals, each change since last week, and links to the H5 ranking', () => {
    const text = cardToText(card);
    expect(text).toContain('🥇 **赵敏** 92.5 分 （较上周 +6.5 分 ↑2）');
    expect(text).toContain('🥉 **李四** 75 分 （新上榜）');
    expect(text).toContain('只列出前 5 名中不低于团队中位数的同事。');
    expect(card.elements).toContainEqual({ type: 'link', label: '查看完整排行', url: 'https://kpi.example.com/app/#/team?period=2026-W48' });
  });

  it('twenty long names still fit DingTalk’s rule', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ rank: i + 1, name: '欧阳'.repeat(20), total: '99.99', points: '+10.25', move: '↑10' }));
    expectWithinDingTalkRule(renderCardData(groupRankingCard.build({ ...groupRankingCard.example, topN: 20, rows }, 'zh')));
  });
});

describe('the 喜报 (win-announcement)', () => {
  const card = winAnnouncementCard.build(winAnnouncementCard.example, 'zh');

  it('matches its snapshots on Feishu and DingTalk, DingTalk values within the size rule', () => {
    expect(renderFeishuCard(card, OPTIONS).card).toMatchSnapshot();
    const cardData = renderCardData(card);
    expect({ cardData, markdown: renderMarkdownFallback(card) }).toMatchSnapshot();
    expectWithinDingTalkRule(cardData);
  });

  it('reads rep, customer, amount in 万, the month’s team progress, the like count and a 点赞 button', () => {
    const text = cardToText(card);
    expect(text).toContain('恭喜 **张三** 签下 **华为技术有限公司**，金额 **8.5万**！');
    expect(text).toContain('本月团队已成交 4 单，共 32万');
    expect(text).toContain('👍 2 人点赞');
    const buttons = card.elements.flatMap((e) => (e.type === 'actions' ? e.buttons : []));
    expect(buttons.map((b) => b.action)).toEqual([{ command: 'win.like', args: { post: '7' } }]);
  });

  it('once retracted, says so and has no button', () => {
    const retracted = winAnnouncementCard.build({ ...winAnnouncementCard.example, retracted: true }, 'zh');
    expect(cardToText(retracted)).toContain('这笔成交已被撤销，喜报撤回。');
    expect(retracted.elements.some((e) => e.type === 'actions')).toBe(false);
    expect(renderFeishuCard(retracted, OPTIONS).card).toMatchSnapshot();
    expect(renderCardData(retracted)).toMatchSnapshot();
  });
});
