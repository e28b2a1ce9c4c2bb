import { and, asc, eq, gte, inArray, lt, max, sql } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { hotQuery, tablesOf } from '../dialect.js';
import type { PayRule } from '../../domain/pay/pay-rule.js';

export interface PayRuleVersion {
  version: number;
  effectiveFrom: string;
  rule: PayRule;
}

export interface FrozenPay {
  resultId: number;
  coefficientBp: number | null;
  commissionFen: number | null;
  confirmedFen: number;
}

/** Pay rules per template (versioned like templates) and the pay previews frozen on approval. */
export function payRuleQueries(db: Db) {
  const { assessmentPayPreviews, assessmentResults, assessments, auditLog, kpiPayRules, kpiTemplates, payments } = tablesOf(db);
  const templateId = async (code: string) => (await db.select({ id: kpiTemplates.id }).from(kpiTemplates).where(eq(kpiTemplates.code, code)).limit(1))[0]?.id;
  // PostgreSQL sums bigint fen as numeric (a string): mapped back to a number.
  const confirmed = hotQuery<{ userId: number; fen: number }>(db, 'pay_rules_confirmed_payments', () =>
    db
      .select({ userId: payments.repUserId, fen: sql<number>`SUM(${payments.amountFen})`.mapWith(Number) })
      .from(payments)
      .where(and(eq(payments.verification, 'finance'), gte(payments.paidOn, sql.placeholder('startDate')), lt(payments.paidOn, sql.placeholder('endDate'))))
      .groupBy(payments.repUserId),
  );
  return {
    /** Finance-confirmed 回款 per rep between two business dates (end exclusive), in fen. */
    async confirmedPaymentsFen(startDate: string, endDate: string, userIds: number[]): Promise<Map<number, number>> {
      const wanted = new Set(userIds);
      const rows = await confirmed.all({ startDate, endDate });
      return new Map(rows.filter((r) => wanted.has(r.userId)).map((r) => [r.userId, r.fen]));
    },

    async versions(templateCode: string): Promise<PayRuleVersion[]> {
      const id = await templateId(templateCode);
      if (id === undefined) return [];
      return await db
        .select({ version: kpiPayRules.version, effectiveFrom: kpiPayRules.effectiveFrom, rule: kpiPayRules.rule })
        .from(kpiPayRules)
        .where(eq(kpiPayRules.templateId, id))
        .orderBy(asc(kpiPayRules.version));
    },

    /** Adds a version; undefined when there is no such template. */
    async addVersion(templateCode: string, rule: PayRule, effectiveFrom: string, ctx: { now: number; actorUserId: number | null; source: string }): Promise<number | undefined> {
      const id = await templateId(templateCode);
      if (id === undefined) return undefined;
      const version = ((await db.select({ v: max(kpiPayRules.version) }).from(kpiPayRules).where(eq(kpiPayRules.templateId, id)))[0]?.v ?? 0) + 1;
      await db.insert(kpiPayRules).values({ templateId: id, version, effectiveFrom, rule, createdByUserId: ctx.actorUserId, createdAt: ctx.now });
      await db
        .insert(auditLog)
        .values({ at: ctx.now, actorUserId: ctx.actorUserId, source: ctx.source, action: 'kpi.pay_rule.set', entity: 'kpi_pay_rule', entityId: `${templateCode}:${version}`, before: null, after: { effectiveFrom, rule } });
      return version;
    },

    /** Freezes previews once: a result already frozen keeps its figures. */
    async freeze(rows: FrozenPay[], now: number): Promise<void> {
      for (const row of rows) await db.insert(assessmentPayPreviews).values({ ...row, frozenAt: now }).onConflictDoNothing();
    },

    /** The preview frozen for a rep's approved result of a period, if there is one. */
    async frozenFor(userId: number, periodKey: string): Promise<FrozenPay | undefined> {
      const [row] = await db
        .select({ resultId: assessmentPayPreviews.resultId, coefficientBp: assessmentPayPreviews.coefficientBp, commissionFen: assessmentPayPreviews.commissionFen, confirmedFen: assessmentPayPreviews.confirmedFen })
        .from(assessmentPayPreviews)
        .innerJoin(assessmentResults, eq(assessmentResults.id, assessmentPayPreviews.resultId))
        .innerJoin(assessments, eq(assessments.id, assessmentResults.assessmentId))
        .where(and(eq(assessmentResults.userId, userId), eq(assessments.periodKey, periodKey), eq(assessments.status, 'approved')))
        .limit(1);
      return row;
    },

    async frozen(resultIds: number[]): Promise<Map<number, FrozenPay>> {
      if (resultIds.length === 0) return new Map();
      const rows = await db
        .select({ resultId: assessmentPayPreviews.resultId, coefficientBp: assessmentPayPreviews.coefficientBp, commissionFen: assessmentPayPreviews.commissionFen, confirmedFen: assessmentPayPreviews.confirmedFen })
        .from(assessmentPayPreviews)
        .where(inArray(assessmentPayPreviews.resultId, resultIds));
      return new Map(rows.map((r) => [r.resultId, r]));
    },
  };
}

export function createPayRuleRepository(db: Db) {
  return asyncRepository(db, payRuleQueries(db));
}

export type PayRuleRepository = ReturnType<typeof createPayRuleRepository>;
