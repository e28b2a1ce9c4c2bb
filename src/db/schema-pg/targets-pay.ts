import { pgTable, text, integer, bigint, jsonb, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { epochMs, fen } from './columns.js';
import { departments, users } from './org.js';
import { kpiTemplates } from './kpi.js';
import { assessmentResults } from './assessments.js';
import type { PayRule } from '../../domain/pay/pay-rule.js';

/**
 * Company and department targets per period and template line (issue 18). Whole units only (fen for
 * money, counts), so a split adds up exactly. A change mid-period adds a version valid from that
 * business date; old versions stay, and the version in force on a date is the latest valid by then.
 */
export const kpiOrgTargets = pgTable(
  'kpi_org_targets',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    level: text('level', { enum: ['company', 'department'] }).notNull(),
    /** Null for the company level. */
    departmentId: integer('department_id').references(() => departments.id),
    /** "company" or "department:<id>": one key, since SQLite lets NULLs repeat in a unique index. */
    scopeKey: text('scope_key').notNull(),
    periodKey: text('period_key').notNull(),
    lineKey: text('line_key').notNull(),
    /** Whole units: fen for money (bigint, as all money), counts. */
    target: bigint('target', { mode: 'number' }).notNull(),
    version: integer('version').notNull(),
    validFrom: text('valid_from').notNull(),
    setByUserId: integer('set_by_user_id').references(() => users.id),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [uniqueIndex('kpi_org_targets_unique').on(t.scopeKey, t.periodKey, t.lineKey, t.version), index('kpi_org_targets_period_idx').on(t.periodKey)],
);

/**
 * Every rep target a department split wrote, versioned the same way; the version in force is also
 * written to kpi_target_overrides, which is what the scorer reads.
 */
export const kpiRepTargetVersions = pgTable(
  'kpi_rep_target_versions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    departmentId: integer('department_id').references(() => departments.id),
    periodKey: text('period_key').notNull(),
    lineKey: text('line_key').notNull(),
    /** Whole units: fen for money (bigint, as all money), counts. */
    target: bigint('target', { mode: 'number' }).notNull(),
    method: text('method', { enum: ['even', 'share', 'manual'] }).notNull(),
    version: integer('version').notNull(),
    validFrom: text('valid_from').notNull(),
    setByUserId: integer('set_by_user_id').references(() => users.id),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [uniqueIndex('kpi_rep_target_versions_unique').on(t.userId, t.periodKey, t.lineKey, t.version)],
);

/** A template's pay rule, versioned like the template itself: in force from a period start. */
export const kpiPayRules = pgTable(
  'kpi_pay_rules',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    templateId: integer('template_id')
      .notNull()
      .references(() => kpiTemplates.id),
    version: integer('version').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    rule: jsonb('rule').$type<PayRule>().notNull(),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [uniqueIndex('kpi_pay_rules_unique').on(t.templateId, t.version)],
);

/** The pay preview of an approved result, frozen when the assessment is approved (a preview, not payroll). */
export const assessmentPayPreviews = pgTable(
  'assessment_pay_previews',
  {
    resultId: integer('result_id')
      .primaryKey()
      .references(() => assessmentResults.id),
    coefficientBp: integer('coefficient_bp'),
    commissionFen: fen('commission_fen'),
    /** The finance-confirmed 回款 the commission was computed on. */
    confirmedFen: fen('confirmed_fen').notNull(),
    frozenAt: epochMs('frozen_at').notNull(),
  },
);
