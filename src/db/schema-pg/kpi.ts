// The PostgreSQL twin of ../schema/kpi.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer, boolean, doublePrecision, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { epochMs, timestamps, jsonb } from './columns.js';
import { departments, users } from './org.js';
import type { GradeBand, LineRule } from '../../domain/kpi/template.js';
import type { VerificationRule } from '../../domain/kpi/verification-rule.js';

export const kpiTemplates = pgTable(
  'kpi_templates',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    periodType: text('period_type', { enum: ['week', 'month', 'quarter', 'year'] }).notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('kpi_templates_code_unique').on(t.code)],
);

export const kpiTemplateVersions = pgTable(
  'kpi_template_versions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    templateId: integer('template_id')
      .notNull()
      .references(() => kpiTemplates.id),
    version: integer('version').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    name: text('name').notNull(),
    gradeBands: jsonb('grade_bands').$type<GradeBand[]>().notNull(),
    totalMin: doublePrecision('total_min').notNull(),
    totalMax: doublePrecision('total_max').notNull(),
    note: text('note'),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [uniqueIndex('kpi_template_versions_unique').on(t.templateId, t.version), index('kpi_template_versions_effective_idx').on(t.templateId, t.effectiveFrom)],
);

export const kpiTemplateLines = pgTable(
  'kpi_template_lines',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    versionId: integer('version_id')
      .notNull()
      .references(() => kpiTemplateVersions.id),
    position: integer('position').notNull(),
    lineKey: text('line_key').notNull(),
    indicator: text('indicator').notNull(),
    salesChannel: text('sales_channel'),
    weight: doublePrecision('weight').notNull(),
    target: doublePrecision('target'),
    rule: jsonb('rule').$type<LineRule>().notNull(),
    whenNoData: text('when_no_data', { enum: ['exclude', 'zero'] }).notNull(),
    isPrimary: boolean('is_primary').notNull().default(false),
    verificationRule: jsonb('verification_rule').$type<VerificationRule>(),
    actualCap: doublePrecision('actual_cap'),
  },
  (t) => [uniqueIndex('kpi_template_lines_unique').on(t.versionId, t.lineKey)],
);

export const kpiAssignments = pgTable(
  'kpi_assignments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    templateId: integer('template_id')
      .notNull()
      .references(() => kpiTemplates.id),
    departmentId: integer('department_id').references(() => departments.id),
    role: text('role', { enum: ['rep'] }),
    effectiveFrom: text('effective_from').notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('kpi_assignments_department_unique').on(t.departmentId, t.effectiveFrom),
    uniqueIndex('kpi_assignments_role_unique').on(t.role, t.effectiveFrom),
  ],
);

export const kpiTargetOverrides = pgTable(
  'kpi_target_overrides',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    periodKey: text('period_key').notNull(),
    lineKey: text('line_key').notNull(),
    target: doublePrecision('target').notNull(),
    setByUserId: integer('set_by_user_id').references(() => users.id),
    ...timestamps,
  },
  (t) => [uniqueIndex('kpi_target_overrides_unique').on(t.userId, t.periodKey, t.lineKey), index('kpi_target_overrides_period_idx').on(t.periodKey)],
);
