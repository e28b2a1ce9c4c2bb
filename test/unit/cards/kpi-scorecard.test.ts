import { describe, expect, it } from 'vitest';
import { kpiScorecardCard } from '../../../cards/kpi-scorecard.js';
import { cardToText } from '../../../src/domain/card-model.js';
import { renderCardData } from '../../../src/platforms/dingtalk/render-card.js';
import { renderMarkdownFallback } from '../../../src/platforms/dingtalk/render-fallback.js';
import { renderFeishuCard } from '../../../src/platforms/feishu/render-card.js';
import { mapCardText, plainText } from '../../../src/platforms/markdown-escape.js';

const OPTIONS = { publicBaseUrl: 'https://kpi.example.com' };
const example = kpiScorecardCard.example;
/** Early in November: pace, no grade; the formulas opened with 如何计算. */
const earlyExplained = {
  ...example,
  periodKey: '2026-11',
  previousPeriodKey: '2026-10',
  grade: null,
  gradeNote: '第 6/30 天，过 25% 后评级',
  pace: 'early' as const,
  inProgress: true,
  lines: ['**拜访次数** 9 / 40 · 22.5% · 3.38 分 · 权重 15% · 进度领先（应达 8）'],
  dropped: [],
  explanation: { lines: ['拜访次数 9 / 目标 40 = 22.5%，得分 22.5 × 权重 15% = 3.38'], total: '总分 = 加权得分 3.38 + 加分 0 − 扣分 0 = 3.38，等级 D' },
};

describe('the KPI scorecard card', () => {
  for (const [name, data] of [['one line per indicator, dropped lines said once', example], ['early in the period with the formulas open', earlyExplained]] as const) {
    it(`${name}: matches its snapshots on Feishu and DingTalk`, () => {
      const card = kpiScorecardCard.build(data, 'zh');
      expect(renderFeishuCard(card, OPTIONS).card).toMatchSnapshot();
      expect({ cardData: renderCardData(card), markdown: renderMarkdownFallback(card) }).toMatchSnapshot();
    });
  }

  it('says "无数据，本期不计" once per dropped line and the scaling in one line', () => {
    const text = cardToText(mapCardText(kpiScorecardCard.build(example, 'zh'), plainText));
    expect(text.match(/无数据，本期不计/g)).toHaveLength(2);
    expect(text.match(/按比例放大/g)).toHaveLength(1);
    expect(text).toContain('[如何计算]');
    expect(text).not.toContain('得分');
  });

  it('offers 收起计算 once the formulas are open, and pace instead of a grade early on', () => {
    const text = cardToText(mapCardText(kpiScorecardCard.build(earlyExplained, 'zh'), plainText));
    expect(text).toContain('等级: 第 6/30 天，过 25% 后评级');
    expect(text).toContain('本期刚开始，先看进度');
    expect(text).toContain('[收起计算]');
    expect(text).toContain('得分 22.5 × 权重 15% = 3.38');
  });
});
