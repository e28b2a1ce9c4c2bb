import { and, asc, eq, inArray, max } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { assessmentPayPreviews, assessmentResults, assessments, auditLog, kpiPayRules, kpiTemplates } from '../schema/index.js';
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
  const templateId = (code: string) => db.select({ id: kpiTemplates.id }).from(kpiTemplates).where(eq(kpiTemplates.code, code)).get()?.id;
  const confirmed = db.$client.prepare<[string, string]>(
    "SELECT rep_user_id AS userId, SUM(amount_fen) AS fen FROM payments WHERE verification = 'finance' AND paid_on >= ? AND paid_on < ? GROUP BY rep_user_id",
  );
  return {
    /** Finance-confirmed 回款 per rep between two business dates (end exclusive), in fen. */
    confirmedPaymentsFen(startDate: string, endDate: string, userIds: number[]): Map<number, number> {
      const wanted = new Set(userIds);
      const rows = confirmed.all(startDate, endDate) as { userId: number; fen: number }[];
      return new Map(rows.filter((r) => wanted.has(r.userId)).map((r) => [r.userId, r.fen]));
    },

    versions(templateCode: string): PayRuleVersion[] {
      const id = templateId(templateCode);
      if (id === undefined) return [];
      return db
        .select({ version: kpiPayRules.version, effectiveFrom: kpiPayRules.effectiveFrom, rule: kpiPayRules.rule })
        .from(kpiPayRules)
        .where(eq(kpiPayRules.templateId, id))
        .orderBy(asc(kpiPayRules.version))
        .all();
    },

    /** Adds a version; undefined when there is no such template. */
    addVersion(templateCode: string, rule: PayRule, effectiveFrom: string, ctx: { now: number; actorUserId: number | null; source: string }): number | undefined {
      const id = templateId(templateCode);
      if (id === undefined) return undefined;
      const version = (db.select({ v: max(kpiPayRules.version) }).from(kpiPayRules).where(eq(kpiPayRules.templateId, id)).get()?.v ?? 0) + 1;
      db.insert(kpiPayRules).values({ templateId: id, version, effectiveFrom, rule, createdByUserId: ctx.actorUserId, createdAt: ctx.now }).run();
      db.insert(auditLog)
        .values({ at: ctx.now, actorUserId: ctx.actorUserId, source: ctx.source, action: 'kpi.pay_rule.set', entity: 'kpi_pay_rule', entityId: `${templateCode}:${version}`, before: null, after: { effectiveFrom, rule } })
        .run();
      return version;
    },

    /** Freezes previews once: a result already frozen keeps its figures. */
    freeze(rows: FrozenPay[], now: number): void {
      for (const row of rows) db.insert(assessmentPayPreviews).values({ ...row, frozenAt: now }).onConflictDoNothing().run();
    },

    /** The preview frozen for a rep's approved result of a period, if there is one. */
    frozenFor(userId: number, periodKey: string): FrozenPay | undefined {
      return db
        .select({ resultId: assessmentPayPreviews.resultId, coefficientBp: assessmentPayPreviews.coefficientBp, commissionFen: assessmentPayPreviews.commissionFen, confirmedFen: assessmentPayPreviews.confirmedFen })
        .from(assessmentPayPreviews)
        .innerJoin(assessmentResults, eq(assessmentResults.id, assessmentPayPreviews.resultId))
        .innerJoin(assessments, eq(assessments.id, assessmentResults.assessmentId))
        .where(and(eq(assessmentResults.userId, userId), eq(assessments.periodKey, periodKey), eq(assessments.status, 'approved')))
        .get();
    },

    frozen(resultIds: number[]): Map<number, FrozenPay> {
      if (resultIds.length === 0) return new Map();
      const rows = db
        .select({ resultId: assessmentPayPreviews.resultId, coefficientBp: assessmentPayPreviews.coefficientBp, commissionFen: assessmentPayPreviews.commissionFen, confirmedFen: assessmentPayPreviews.confirmedFen })
        .from(assessmentPayPreviews)
        .where(inArray(assessmentPayPreviews.resultId, resultIds))
        .all();
      return new Map(rows.map((r) => [r.resultId, r]));
    },
  };
}

export function createPayRuleRepository(db: Db) {
  return asyncRepository(db, payRuleQueries(db));
}

export type PayRuleRepository = ReturnType<typeof createPayRuleRepository>;
