import { inTransaction } from '../../db/client.js';
import { createPayRuleRepository, type PayRuleVersion } from '../../db/repositories/pay-rule-repository.js';
import { DEFAULT_PAY_RULE, payRuleSchema, previewPay, type PayPreview, type PayRule } from '../../domain/pay/pay-rule.js';
import { versionInForce } from '../../domain/kpi/template.js';
import { parseBusinessDate, periodContaining, periodOfDate, type Period, type PeriodType } from '../../domain/period.js';
import { ProblemError, problem } from '../../domain/problem.js';
import { localIssues } from '../../i18n/issue-text.js';
import { t } from '../../i18n/index.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';

const invalid = (issues: string) => new ProblemError(problem('VALIDATION_FAILED', 'pay.rule.invalid', { issues }));

/** The pay rule in force for a template in a period (the default table when none was set). */
export function ruleInForce(versions: readonly PayRuleVersion[], period: Period): PayRule {
  return versionInForce(versions, period)?.rule ?? DEFAULT_PAY_RULE;
}

export async function payRuleOf(deps: AppDeps, templateCode: string, period: Period): Promise<{ rule: PayRule; versions: PayRuleVersion[] }> {
  const versions = await createPayRuleRepository(deps.db).versions(templateCode);
  return { rule: ruleInForce(versions, period), versions };
}

/**
 * Saves a template's pay rule as a new version, validated (a bad rule: a localized refusal, nothing
 * written), in force from `effectiveFrom` (a period start; by default the running period's). An
 * earlier period may be named too: approved results keep the figures frozen at approval.
 */
export async function setPayRule(deps: AppDeps, actor: Actor, input: { templateCode: string; periodType: PeriodType; rule: unknown; effectiveFrom?: string }): Promise<{ version: number; effectiveFrom: string }> {
  const parsed = payRuleSchema.safeParse(input.rule);
  if (!parsed.success) throw invalid(localIssues(actor.locale, parsed.error.issues, 'rule'));
  const zone = deps.config.timezone;
  const current = periodContaining(input.periodType, actor.now, zone);
  const from = input.effectiveFrom ?? current.startDate;
  if (!parseBusinessDate(from, zone) || periodOfDate(input.periodType, from, zone).startDate !== from) {
    throw invalid(t(actor.locale, 'pay.rule.effectiveFrom', { date: from }));
  }
  const version = await inTransaction(deps.db, () => createPayRuleRepository(deps.db).addVersion(input.templateCode, parsed.data, from, { now: actor.now, actorUserId: actor.user.id, source: actor.source }));
  if (version === undefined) throw new ProblemError(problem('NOT_FOUND', 'web.template.notFound', { code: input.templateCode }));
  return { version, effectiveFrom: from };
}

/** Each rep's finance-confirmed 回款 in the period, in fen (what commission is paid on). */
export const confirmedPaymentsFen = (deps: AppDeps, period: Period, userIds: readonly number[]): Promise<Map<number, number>> =>
  createPayRuleRepository(deps.db).confirmedPaymentsFen(period.startDate, period.endDate, [...userIds]);

/** The live preview for reps of a period: their grade's coefficient and their commission so far. */
export async function previewPayFor(deps: AppDeps, period: Period, reps: readonly { userId: number; templateCode: string; grade: string | null }[]): Promise<Map<number, PayPreview & { confirmedFen: number }>> {
  const confirmed = await confirmedPaymentsFen(deps, period, reps.map((r) => r.userId));
  const rules = new Map<string, PayRule>();
  const out = new Map<number, PayPreview & { confirmedFen: number }>();
  for (const rep of reps) {
    let rule = rules.get(rep.templateCode);
    if (!rule) rules.set(rep.templateCode, (rule = (await payRuleOf(deps, rep.templateCode, period)).rule));
    const fen = confirmed.get(rep.userId) ?? 0;
    out.set(rep.userId, { ...previewPay(rule, rep.grade, fen), confirmedFen: fen });
  }
  return out;
}
