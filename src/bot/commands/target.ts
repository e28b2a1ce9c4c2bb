import { kpiTargetsCard } from '../../../cards/kpi-targets.js';
import { cardReply, textReply, type Reply } from '../../domain/card-model.js';
import { formatPercent, formatPoints } from '../../domain/kpi/format.js';
import { formatValue } from '../../i18n/format.js';
import { ratFromDecimal } from '../../domain/kpi/rational.js';
import type { ScorecardLine } from '../../domain/kpi/scorecard.js';
import { t, type Locale } from '../../i18n/index.js';
import { userText } from '../../domain/user-text.js';
import { kpiScorecard } from '../../features/kpi/scorecards.js';
import { actorOf } from '../actor.js';
import { defineCommand, type CommandContext, type CommandDefinition } from '../command.js';
import { periodOf } from './kpi-shared.js';

function describeLine(line: ScorecardLine, locale: Locale): string {
  // The indicator's name is configured text: marked, the summary's own markup (bold) is not.
  const name = userText(t(locale, line.indicator.name));
  const rule = line.line.rule;
  const weight = line.weightShare ? formatPercent(line.weightShare) : `${line.line.weight}`;
  const fmt = (value: number) => formatValue(line.indicator.unit, ratFromDecimal(value), locale);
  switch (rule.kind) {
    case 'linear': {
      let ruleText = '';
      if (rule.gate !== undefined) ruleText += t(locale, 'target.card.gate', { gate: formatPercent(ratFromDecimal(rule.gate)) });
      ruleText += t(locale, 'target.card.cap', { cap: formatPercent(ratFromDecimal(rule.cap)) });
      const note = line.overridden ? t(locale, 'kpi.note.overridden') : '';
      const target = line.target === null ? t(locale, 'target.card.noTarget') : formatValue(line.indicator.unit, line.target, locale);
      return t(locale, 'target.card.line', { name, target, weight, rule: ruleText, note });
    }
    case 'tiered': {
      const tiers = rule.tiers.map((tier) => `≥ ${rule.basis === 'achievement' ? formatPercent(ratFromDecimal(tier.from)) : fmt(tier.from)} → ${tier.points}`).join('，');
      return t(locale, 'target.card.tiers', { name, tiers, weight });
    }
    case 'deduction':
    case 'bonus':
      return t(locale, 'target.card.adjust', {
        name,
        sign: t(locale, rule.kind === 'deduction' ? 'target.sign.deduct' : 'target.sign.bonus'),
        perUnit: formatPoints(ratFromDecimal(rule.perUnit)),
        max: formatPoints(ratFromDecimal(rule.maxPoints)),
      });
  }
}

/** 目标 / target: my targets for a period (prorated and personal targets included). */
export function createTargetCommand(): CommandDefinition {
  return defineCommand({
    name: 'target',
    words: ['目标', '我的目标', 'target', '/target', 'targets'],
    summary: 'command.target.summary',
    examples: ['目标', '目标 上月'],
    examplesEn: ['target', 'targets'],
    onText: async (ctx, rest) => ({ send: await answer(ctx, rest) }),
    actions: { '': async (ctx, action) => ({ send: await answer(ctx, action.args.period ?? '') }) },
  });
}

async function answer(ctx: CommandContext, text: string): Promise<Reply[]> {
  const period = periodOf(ctx, text);
  const me = await kpiScorecard(ctx.deps, actorOf(ctx), period);
  if (!me) return [textReply(t(ctx.locale, 'kpi.notAssessed'))];
  const card = kpiTargetsCard.build(
    {
      name: me.name,
      periodKey: period.key,
      from: period.startDate,
      to: period.lastDate,
      template: me.content.name,
      version: me.templateVersion,
      lines: me.scorecard.lines.map((line) => describeLine(line, ctx.locale)),
      proration: me.scorecard.proration ? { days: me.scorecard.proration.employedDays, periodDays: me.scorecard.proration.periodDays } : null,
    },
    ctx.locale,
  );
  return [cardReply(card)];
}
