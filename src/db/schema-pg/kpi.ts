import { pgTable, text, integer, boolean, jsonb, doublePrecision, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { epochMs, timestamps } from './columns.js';
import { departments, users } from './org.js';
import type { GradeBand, LineRule } from '../../domain/kpi/template.js';
import type { VerificationRule } from '../../domain/kpi/verification-rule.js';

/**
 * KPI templates. A template is a name and a period type; what it scores lives in immutable versions
 * (an edit adds a version effective from a period start), each with its lines. A period is scored
 * with the version in force on its first day, so a closed period never changes silently.
 */
export const kpiTemplates = pgTable(
  'kpi_templates',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** Stable key for the admin API and imports, e.g. "sales-monthly". */
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
    /** First business date scored with this version: always a period start. */
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
    /** The line's key inside the template ("payments"): what target overrides refer to. */
    lineKey: text('line_key').notNull(),
    indicator: text('indicator').notNull(),
    /** The sales channel code a by-channel indicator counts (new_customers_by_channel). */
    salesChannel: text('sales_channel'),
    weight: doublePrecision('weight').notNull(),
    /** In the indicator's unit: fen for money, a fraction for ratios. */
    target: doublePrecision('target'),
    rule: jsonb('rule').$type<LineRule>().notNull(),
    whenNoData: text('when_no_data', { enum: ['exclude', 'zero'] }).notNull(),
    isPrimary: boolean('is_primary').notNull().default(false),
    /** Which verifications count and at what weight (issue 17); null counts every record, as before. */
    verificationRule: jsonb('verification_rule').$type<VerificationRule>(),
    /** The most of the actual that counts per period (training hours), in the indicator's unit. */
    actualCap: doublePrecision('actual_cap'),
  },
  (t) => [uniqueIndex('kpi_template_lines_unique').on(t.versionId, t.lineKey)],
);

/**
 * Who a template applies to: a department (and everything under it) or a role (today only reps are
 * scored), from a period start on. A department assignment beats a role assignment; the nearest
 * department wins; a period uses the assignments in force on its first day, so reassigning a team
 * never rescores a period that has ended.
 */
export const kpiAssignments = pgTable(
  'kpi_assignments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    templateId: integer('template_id')
      .notNull()
      .references(() => kpiTemplates.id),
    departmentId: integer('department_id').references(() => departments.id),
    role: text('role', { enum: ['rep'] }),
    /** First business date the assignment applies to (a period start). */
    effectiveFrom: text('effective_from').notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('kpi_assignments_department_unique').on(t.departmentId, t.effectiveFrom),
    uniqueIndex('kpi_assignments_role_unique').on(t.role, t.effectiveFrom),
  ],
);

/** A rep's own target for one line in one period, replacing the template's target (not prorated). */
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
