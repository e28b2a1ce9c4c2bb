import { describe, expect, it } from 'vitest';
import { alertDigestCard } from '../../../cards/alert-digest.js';
import { weeklyRankingCard } from '../../../cards/weekly-ranking.js';
import { cardToText } from '../../../src/domain/card-model.js';
import { renderCardData } from '../../../src/platforms/dingtalk/render-card.js';
import { renderMarkdownFallback } from '../../../src/platforms/dingtalk/render-fallback.js';
import { renderFeishuCard } from '../../../src/platforms/feishu/render-card.js';
import { mapCardText, plainText } from '../../../src/platforms/markdown-escape.js';

const OPTIONS = { publicBaseUrl: 'https://kpi.example.com' };
const textOf = (card: Parameters<typeof mapCardText>[0]) => cardToText(mapCardText(card, plainText));

describe('the Monday digest (the manager’s weekly card)', () => {
  const card = weeklyRankingCard.build(weeklyRankingCard.example, 'zh');

  it('matches its snapshots on Feishu and DingTalk', () => {
    expect(renderFeishuCard(card, OPTIONS).card).toMatchSnapshot();
    expect({ cardData: renderCardData(card), markdown: renderMarkdownFallback(card) }).toMatchSnapshot();
  });

  it('reads as a digest: team vs target and pace, pipeline, overdue next steps, each rep’s gap with 查看 and 催一下', () => {
    const text = textOf(card);
    expect(text).toContain('团队本月进度**（第 30/30 天）');
    expect(text).toContain('回款额 31万 / 目标 60万 · 达成 51.7% · ⚠️ 进度落后（应达 60万）');
    expect(text).toContain('签约额 95万 / 目标 90万 · 达成 105.6% · ✅ 进度领先（应达 90万）');
    expect(text).toContain('本周商机**：新增 4 · 推进 3 · 赢单 2 · 输单 1');
    expect(text).toContain('逾期未跟进的下一步**（2 条）');
    expect(text).toContain('• 孙悦 · 华为：发报价单（应于 2026-11-25）');
    expect(text).toContain('**孙悦** 回款额差 8.5万 · 签约额差 12万 · 本周拜访 0 · 逾期下一步 2');
    expect(text).toContain('**张三** 回款额差 6.9万 · 签约额已达成 · 本周拜访 8');
    expect(text).toContain('仅列出差距最大的 2 人，共 6 人。');
    const links = card.elements.flatMap((e) => (e.type === 'link' ? [[plainText(e.label), e.url]] : []));
    expect(links).toContainEqual(['查看 孙悦', 'https://kpi.example.com/app/#/dashboard?period=2026-11&userId=5']);
    const nudges = card.elements.flatMap((e) => (e.type === 'actions' ? e.buttons.filter((b) => b.label === '催一下').map((b) => b.action) : []));
    expect(nudges).toEqual([
      { command: 'nudge', args: { userId: '5' } },
      { command: 'nudge', args: { userId: '3' } },
    ]);
  });
});

describe('the alert digest (several alerts to one manager in one card)', () => {
  const card = alertDigestCard.build(alertDigestCard.example, 'zh');

  it('matches its snapshots on Feishu and DingTalk', () => {
    expect(renderFeishuCard(card, OPTIONS).card).toMatchSnapshot();
    expect({ cardData: renderCardData(card), markdown: renderMarkdownFallback(card) }).toMatchSnapshot();
  });

  it('counts the alerts in the title and groups them by rule, each with its rep’s page', () => {
    const text = textOf(card);
    expect(card.title).toBe('⚠️ 今日预警（3 条）');
    expect(text.indexOf('**长时间未拜访**（1）')).toBeLessThan(text.indexOf('**商机停滞**（1）'));
    expect(text.indexOf('**商机停滞**（1）')).toBeLessThan(text.indexOf('**投诉超时未回复**（1）'));
    expect(card.elements.filter((e) => e.type === 'link')).toHaveLength(3);
  });
});
