import { kpiRankingCard } from '../../../cards/kpi-ranking.js';
import { cardReply, type Reply } from '../../domain/card-model.js';
import { checkDistribution, orderedGrades } from '../../domain/kpi/distribution.js';
import { formatPoints } from '../../domain/kpi/format.js';
import { indicatorOf } from '../../domain/kpi/indicators.js';
import { primaryLineOf } from '../../domain/kpi/template.js';
import { t, type Locale } from '../../i18n/index.js';
import { teamRanking, type Ranked, type ScoredRep } from '../../features/kpi/scorecards.js';
import { actorOf } from '../actor.js';
import { defineCommand, type CommandContext, type CommandDefinition } from '../command.js';
import { periodOf } from './kpi-shared.js';

const MAX_ROWS = 30;
const REP_VISIBLE_TOP = 3;

function rowText(r: Ranked<ScoredRep>, locale: Locale): string {
  if (r.rank === null || r.entry.total === null) return t(locale, 'rank.card.unranked', { name: r.entry.name });
  return t(locale, 'rank.card.row', { rank: r.rank, name: r.entry.name, total: formatPoints(r.entry.total), grade: r.entry.scorecard.grade ?? '' });
}

/**
 * 排行 / rank. A manager (or HR) sees everyone they may see, ranked among themselves, with the
 * forced-distribution check; a rep sees their team's top 3 and their own rank only.
 */
export function createRankCommand(): CommandDefinition {
  return defineCommand({
    name: 'rank',
    words: ['排行', '排名', '排行榜', 'rank', '/rank', 'ranking'],
    summary: 'command.rank.summary',
    examples: ['排行', '排行 上月', '/rank 本周'],
    examplesEn: ['rank', 'ranking'],
    onText: async (ctx, rest) => ({ send: await answer(ctx, rest) }),
    actions: { '': async (ctx, action) => ({ send: await answer(ctx, action.args.period ?? '') }) },
  });
}

async function answer(ctx: CommandContext, text: string): Promise<Reply[]> {
  const period = periodOf(ctx, text);
  const locale = ctx.locale;
  const { group: groupKind, teamName, ranked } = await teamRanking(ctx.deps, actorOf(ctx), period);
  // Leads see their whole scope; a rep sees their own team.
  const isLead = groupKind !== 'team';
  const group = teamName ?? t(locale, groupKind === 'org' ? 'rank.group.org' : 'rank.group.team');
  const mine = ranked.find((r) => r.entry.userId === ctx.user.id);
  // Reps without data are listed apart (to leads), not as a tail of "—" rows.
  const rankedOnly = ranked.filter((r) => r.rank !== null);
  const visible = isLead ? rankedOnly.slice(0, MAX_ROWS) : rankedOnly.filter((r) => (r.rank as number) <= REP_VISIBLE_TOP).slice(0, REP_VISIBLE_TOP);
  const noData = isLead ? ranked.filter((r) => r.rank === null).map((r) => r.entry.name) : [];
  const primary = ranked[0] ? primaryLineOf(ranked[0].entry.content) : undefined;
  const distribution: string[] = [];
  if (isLead && ranked.length > 0) {
    const report = checkDistribution(ranked.map((r) => r.entry.scorecard.grade), await ctx.deps.assessment.views.distributionRules());
    const counts = orderedGrades(report.counts).map((g) => `${g} ${report.counts[g]}`).join(' · ');
    if (report.ok) distribution.push(t(locale, 'rank.card.distributionOk', { counts: counts || '—' }));
    for (const flag of report.flags) {
      distribution.push(t(locale, 'rank.card.distributionFlag', { grade: flag.grade, count: flag.count, kind: t(locale, flag.kind === 'max' ? 'rank.card.max' : 'rank.card.min'), allowed: flag.allowed }));
    }
  }
  const card = kpiRankingCard.build(
    {
      periodKey: period.key,
      group,
      rows: visible.map((r) => ({ text: rowText(r, locale), isMe: r.entry.userId === ctx.user.id })),
      noData,
      me: mine
        ? mine.rank === null || mine.entry.total === null
          ? t(locale, mine.entry.total !== null && !mine.entry.hasData ? 'rank.card.meNoData' : 'rank.card.meUnranked')
          : t(locale, 'rank.card.me', { rank: mine.rank, of: mine.of, total: formatPoints(mine.entry.total), grade: mine.entry.scorecard.grade ?? '' })
        : null,
      truncated: isLead && rankedOnly.length > MAX_ROWS ? { shown: MAX_ROWS, total: rankedOnly.length } : null,
      tieRule: t(locale, 'rank.card.tieRule', { primary: primary ? t(locale, indicatorOf(primary.indicator).name) : '—' }),
      distribution,
    },
    locale,
  );
  return [cardReply(card)];
}
