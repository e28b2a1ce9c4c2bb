import { DIGEST_MAX_OVERDUE, DIGEST_MAX_REPS, DIGEST_MAX_UNCONFIRMED, type ManagerDigestData } from '../../../cards/manager-digest.js';
import { createManagerDigestFactsRepository, type OverdueNextStepRow, type StageChangeRow, type UnconfirmedRecordRow } from '../../db/repositories/manager-digest-facts.js';
import type { ScoredRep } from '../../db/repositories/kpi-scorecard-repository.js';
import { appLink } from '../../domain/deep-link.js';
import { formatPercent } from '../../domain/kpi/format.js';
import { elapsedDaysOf } from '../../domain/kpi/pace.js';
import { div, isZero } from '../../domain/kpi/rational.js';
import { moveKindOf, NO_MOVES, repGaps, teamLineTotals, type PipelineMoves } from '../../domain/kpi/team-digest.js';
import type { Period } from '../../domain/period.js';
import { formatValue } from '../../i18n/format.js';
import { t, type Locale } from '../../i18n/index.js';
import type { AppDeps } from '../deps.js';

/** What the digest reads once per run for the whole org; each manager's card slices it by team. */
export interface DigestFacts {
  today: string;
  stageChanges: StageChangeRow[];
  overdue: OverdueNextStepRow[];
  /** The week's typed visits and training, for 确认 / 存疑. */
  unconfirmed: UnconfirmedRecordRow[];
}

export async function findDigestFacts(deps: Pick<AppDeps, 'db'>, week: Period, today: string): Promise<DigestFacts> {
  const facts = createManagerDigestFactsRepository(deps.db);
  return {
    today,
    stageChanges: await facts.stageChanges(week.startDate, week.endDate),
    overdue: await facts.overdueNextSteps(today),
    unconfirmed: await facts.unconfirmedRecords(week.startDate, week.endDate),
  };
}

/** The render step of the digest for one team, in the manager's language. */
export function managerDigestData(
  facts: DigestFacts,
  context: { team: readonly ScoredRep[]; month: Period; visits: ReadonlyMap<number, number>; locale: Locale; publicBaseUrl: string },
): ManagerDigestData {
  const { locale, month } = context;
  const ids = new Set(context.team.map((r) => r.userId));
  const names = new Map(context.team.map((r) => [r.userId, r.name]));
  const days = { elapsedDays: elapsedDaysOf(month, facts.today), periodDays: month.days };
  const money = (unit: Parameters<typeof formatValue>[0], value: Parameters<typeof formatValue>[1]) => formatValue(unit, value, locale);

  const teamLines = teamLineTotals(context.team.map((r) => r.scorecard), days).map((line) => ({
    name: t(locale, line.indicator.name),
    actual: money(line.indicator.unit, line.actual),
    target: money(line.indicator.unit, line.target),
    achievement: isZero(line.target) ? '—' : formatPercent(div(line.actual, line.target)),
    pace: line.pace?.status ?? null,
    expected: line.pace ? money(line.indicator.unit, line.pace.expected) : '',
  }));

  const pipeline: PipelineMoves = { ...NO_MOVES };
  for (const change of facts.stageChanges) if (ids.has(change.rep_user_id)) pipeline[moveKindOf(change.from_stage, change.to_stage)] += 1;

  const overdue = facts.overdue.filter((o) => ids.has(o.rep_user_id));
  const overdueByRep = new Map<number, number>();
  for (const o of overdue) overdueByRep.set(o.rep_user_id, (overdueByRep.get(o.rep_user_id) ?? 0) + 1);

  const unconfirmed = facts.unconfirmed.filter((r) => ids.has(r.rep_user_id));
  const gaps = repGaps(context.team);
  return {
    ...days,
    teamLines,
    pipeline,
    reps: gaps.slice(0, DIGEST_MAX_REPS).map((rep) => ({
      userId: rep.userId,
      name: rep.name,
      gaps: rep.gaps.map((g) => ({ name: t(locale, g.indicator.name), gap: isZero(g.gap) ? '' : money(g.indicator.unit, g.gap) })),
      visits: context.visits.get(rep.userId) ?? 0,
      overdue: overdueByRep.get(rep.userId) ?? 0,
      viewUrl: appLink(context.publicBaseUrl, { page: 'dashboard', period: month.key, userId: rep.userId }),
    })),
    repsTotal: gaps.length,
    overdue: overdue.slice(0, DIGEST_MAX_OVERDUE).map((o) => ({ name: names.get(o.rep_user_id) ?? '', customer: o.customer, step: o.next_step, due: o.next_step_due })),
    overdueTotal: overdue.length,
    unconfirmed: unconfirmed.slice(0, DIGEST_MAX_UNCONFIRMED).map((r) => ({ kind: r.kind, id: r.id, name: names.get(r.rep_user_id) ?? '', subject: r.subject, date: r.date })),
    unconfirmedTotal: unconfirmed.length,
  };
}
