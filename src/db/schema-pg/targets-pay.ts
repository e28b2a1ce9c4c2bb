// The PostgreSQL twin of ../schema/targets-pay.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer, bigint, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { epochMs, fen, jsonb } from './columns.js';
import { departments, users } from './org.js';
import { kpiTemplates } from './kpi.js';
import { assessmentResults } from './assessments.js';
import type { PayRule } from '../../domain/pay/pay-rule.js';

export const kpiOrgTargets = pgTable(
  'kpi_org_targets',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    level: text('level', { enum: ['company', 'department'] }).notNull(),
    departmentId: integer('department_id').references(() => departments.id),
    scopeKey: text('scope_key').notNull(),
    periodKey: text('period_key').notNull(),
    lineKey: text('line_key').notNull(),
    target: bigint('target', { mode: 'number' }).notNull(), // whole units, fen for money: bigint like all money
    version: integer('version').notNull(),
    validFrom: text('valid_from').notNull(),
    setByUserId: integer('set_by_user_id').references(() => users.id),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [uniqueIndex('kpi_org_targets_unique').on(t.scopeKey, t.periodKey, t.lineKey, t.version), index('kpi_org_targets_period_idx').on(t.periodKey)],
);

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
    target: bigint('target', { mode: 'number' }).notNull(), // whole units, fen for money: bigint like all money
    method: text('method', { enum: ['even', 'share', 'manual'] }).notNull(),
    version: integer('version').notNull(),
    validFrom: text('valid_from').notNull(),
    setByUserId: integer('set_by_user_id').references(() => users.id),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [uniqueIndex('kpi_rep_target_versions_unique').on(t.userId, t.periodKey, t.lineKey, t.version)],
);

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

export const assessmentPayPreviews = pgTable(
  'assessment_pay_previews',
  {
    resultId: integer('result_id')
      .primaryKey()
      .references(() => assessmentResults.id),
    coefficientBp: integer('coefficient_bp'),
    commissionFen: fen('commission_fen'),
    confirmedFen: fen('confirmed_fen').notNull(),
    frozenAt: epochMs('frozen_at').notNull(),
  },
);
