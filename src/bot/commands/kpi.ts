import { kpiScorecardCard } from '../../../cards/kpi-scorecard.js';
import { cardReply, textReply, type Reply } from '../../domain/card-model.js';
import { explainLine, explainTotal } from '../../domain/kpi/explain.js';
import { formatPercent, formatPoints } from '../../domain/kpi/format.js';
import { formatValue } from '../../i18n/format.js';
import { sayAll } from '../../i18n/phrase.js';
import { isWeightedRule } from '../../domain/kpi/scoring.js';
import type { ScorecardLine } from '../../domain/kpi/scorecard.js';
import { t, type Locale } from '../../i18n/index.js';
import { userText } from '../../domain/user-text.js';
import { previousPeriod } from '../../domain/period.js';
import { defineCommand, type CommandContext, type CommandDefinition } from '../command.js';
import { periodOf, teamScores } from './kpi-shared.js';

function lineSummary(line: ScorecardLine, locale: Locale): string {
  // The indicator's name is configured text: marked, the summary's own markup (bold) is not.
  const name = userText(t(locale, line.indicator.name));
  const actual = line.actual === null ? '—' : formatValue(line.indicator.unit, line.actual, locale);
  if (!isWeightedRule(line.line.rule)) {
    const deduction = line.line.rule.kind === 'deduction';
    const points = line.points ?? line.contribution;
    const sign = points.n === 0n ? '' : deduction ? '−' : '+';
    return t(locale, 'kpi.card.adjustSummary', { name, actual, sign, points: formatPoints(points) });
  }
  if (line.line.rule.kind === 'tiered') {
    const score = line.points === null ? '—' : formatPoints(line.points);
    return t(locale, 'kpi.card.tierSummary', { name, actual, score, contribution: formatPoints(line.contribution) });
  }
  return t(locale, 'kpi.card.lineSummary', {
    name,
    actual,
    target: line.target === null ? '—' : formatValue(line.indicator.unit, line.target, locale),
    achievement: line.achievement === null ? '—' : formatPercent(line.achievement),
    contribution: formatPoints(line.contribution),
  });
}

/** 业绩 / kpi: my scorecard for a period, every line explained. */
export function createKpiCommand(): CommandDefinition {
  return defineCommand({
    name: 'kpi',
    words: ['业绩', '考核', '我的业绩', 'kpi', '/kpi', 'score', '/score'],
    summary: 'command.kpi.summary',
    examples: ['业绩', '业绩 上月', '/kpi 2026-10'],
    onText: async (ctx, rest) => ({ send: [await scorecard(ctx, rest)] }),
    actions: {
      // A button on a scorecard (e.g. the previous month) shows that period on the same card.
      '': async (ctx, action) => {
        const reply = await scorecard(ctx, action.args.period ?? '');
        return reply.type === 'card' ? { card: reply.card } : { send: [reply] };
      },
    },
  });
}

async function scorecard(ctx: CommandContext, periodText: string): Promise<Reply> {
  const period = periodOf(ctx, periodText);
  const { me, myRank } = await teamScores(ctx, period);
  if (!me) return textReply(t(ctx.locale, 'kpi.notAssessed'));
  const card = kpiScorecardCard.build(
    {
      name: me.name,
      periodKey: period.key,
      previousPeriodKey: previousPeriod(period).key,
      from: period.startDate,
      to: period.lastDate,
      template: me.content.name,
      version: me.templateVersion,
      total: me.total === null ? null : formatPoints(me.total),
      grade: me.scorecard.grade,
      rank: myRank && myRank.rank !== null ? { rank: myRank.rank, of: myRank.of } : null,
      inProgress: ctx.now < period.end,
      proration: me.scorecard.proration ? { days: me.scorecard.proration.employedDays, periodDays: me.scorecard.proration.periodDays } : null,
      lines: me.scorecard.lines.map((line) => ({ summary: lineSummary(line, ctx.locale), explanation: sayAll(ctx.locale, explainLine(line, me.scorecard)) })),
      totalExplanation: sayAll(ctx.locale, explainTotal(me.scorecard, me.content)),
    },
    ctx.locale,
  );
  return cardReply(card);
}
