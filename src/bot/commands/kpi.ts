import { kpiScorecardCard } from '../../../cards/kpi-scorecard.js';
import { cardReply, textReply, type Reply } from '../../domain/card-model.js';
import { t } from '../../i18n/index.js';
import { businessDateOf } from '../../domain/period.js';
import { defineCommand, type CommandContext, type CommandDefinition } from '../command.js';
import { scorecardCardData } from './kpi-card-data.js';
import { teamStanding } from '../../features/kpi/scorecards.js';
import { actorOf } from '../actor.js';
import { periodOf } from './kpi-shared.js';

/** Typed after the period ("业绩 2026-11 如何计算"): the card with its formulas (DingTalk's typed fallback of the button). */
const EXPLAIN_WORDS = /\s*(如何计算|怎么算|explain|how)\s*$/i;

/** 业绩 / kpi: my scorecard for a period, one line per indicator; the formulas behind 如何计算. */
export function createKpiCommand(): CommandDefinition {
  return defineCommand({
    name: 'kpi',
    words: ['业绩', '考核', '我的业绩', 'kpi', '/kpi', 'score', '/score'],
    summary: 'command.kpi.summary',
    examples: ['业绩', '业绩 上月', '/kpi 2026-10'],
    examplesEn: ['score', '/kpi 2026-10'],
    onText: async (ctx, rest) => ({ send: [await scorecard(ctx, rest.replace(EXPLAIN_WORDS, ''), EXPLAIN_WORDS.test(rest))] }),
    actions: {
      // A button on a scorecard (e.g. the previous month) shows that period on the same card.
      '': async (ctx, action) => {
        const reply = await scorecard(ctx, action.args.period ?? '', false);
        return reply.type === 'card' ? { card: reply.card } : { send: [reply] };
      },
      // 如何计算 / 收起计算: the same card with or without the formulas, in place.
      explain: async (ctx, action) => {
        const reply = await scorecard(ctx, action.args.period ?? '', action.args.show !== '0');
        return reply.type === 'card' ? { card: reply.card } : { send: [reply] };
      },
    },
  });
}

async function scorecard(ctx: CommandContext, periodText: string, explain: boolean): Promise<Reply> {
  const period = periodOf(ctx, periodText);
  const { me, myRank } = await teamStanding(ctx.deps, actorOf(ctx), period);
  if (!me) return textReply(t(ctx.locale, 'kpi.notAssessed'));
  const data = scorecardCardData({
    rep: me,
    period,
    today: businessDateOf(ctx.now, ctx.deps.config.timezone),
    minSharePct: ctx.deps.config.kpi.minPeriodShareForGradePct,
    rank: myRank && myRank.rank !== null ? { rank: myRank.rank, of: myRank.of } : null,
    inProgress: ctx.now < period.end,
    explain,
    locale: ctx.locale,
  });
  return cardReply(kpiScorecardCard.build(data, ctx.locale));
}
