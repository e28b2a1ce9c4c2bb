// The PostgreSQL twin of ../schema/assessments.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { foreignKey, pgTable, text, integer, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { epochMs, timestamps, jsonb } from './columns.js';
import { departments, users } from './org.js';
import { RESULT_STATUSES } from '../schema/assessments.js';

export { RESULT_STATUSES };

export const assessments = pgTable(
  'assessments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    periodKey: text('period_key').notNull(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    managerUserId: integer('manager_user_id').references(() => users.id),
    templateCode: text('template_code').notNull(),
    templateVersion: integer('template_version').notNull(),
    status: text('status', { enum: ['in_review', 'pending_approval', 'approved'] }).notNull(),
    version: integer('version').notNull().default(1),
    adjustmentBound: integer('adjustment_bound').notNull(),
    reviewDueAt: epochMs('review_due_at').notNull(),
    remindedAt: epochMs('reminded_at'),
    submittedAt: epochMs('submitted_at'),
    decidedAt: epochMs('decided_at'),
    decidedByUserId: integer('decided_by_user_id').references(() => users.id),
    rejectionReason: text('rejection_reason'),
    ...timestamps,
  },
  (t) => [uniqueIndex('assessments_period_department_unique').on(t.periodKey, t.departmentId), index('assessments_status_idx').on(t.status)],
);


export const assessmentResults = pgTable(
  'assessment_results',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    templateCode: text('template_code').notNull(),
    templateVersion: integer('template_version').notNull(),
    scorecard: jsonb('scorecard').notNull(),
    totalCenti: integer('total_centi'),
    grade: text('grade'),
    adjustmentCenti: integer('adjustment_centi').notNull().default(0),
    adjustmentReason: text('adjustment_reason'),
    finalCenti: integer('final_centi'),
    finalGrade: text('final_grade'),
    status: text('status', { enum: RESULT_STATUSES }),
    approvedVersion: integer('approved_version').notNull().default(0),
    windowEndsAt: epochMs('window_ends_at'),
    ...timestamps,
  },
  (t) => [uniqueIndex('assessment_results_unique').on(t.assessmentId, t.userId), index('assessment_results_user_idx').on(t.userId)],
);

export const assessmentAppeals = pgTable(
  'assessment_appeals',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    resultId: integer('result_id')
      .notNull()
      .references(() => assessmentResults.id),
    reason: text('reason').notNull(),
    indicatorKey: text('indicator_key'),
    status: text('status', { enum: ['open', 'resolved'] }).notNull(),
    outcome: text('outcome', { enum: ['uphold', 'adjust'] }),
    pointsCenti: integer('points_centi'),
    resolutionReason: text('resolution_reason'),
    resolvedByUserId: integer('resolved_by_user_id').references(() => users.id),
    resolvedAt: epochMs('resolved_at'),
    ...timestamps,
  },
  (t) => [index('assessment_appeals_result_idx').on(t.resultId)],
);

export const assessmentPostLockAdjustments = pgTable(
  'assessment_post_lock_adjustments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    resultId: integer('result_id').notNull(),
    periodKey: text('period_key').notNull(),
    applyInPeriodKey: text('apply_in_period_key').notNull(),
    lockedTotalCenti: integer('locked_total_centi'),
    recomputedTotalCenti: integer('recomputed_total_centi'),
    lockedGrade: text('locked_grade'),
    recomputedGrade: text('recomputed_grade'),
    detectedAt: epochMs('detected_at').notNull(),
  },
  (t) => [
    // Named here: drizzle's generated name has 67 characters and PostgreSQL cuts identifiers at 63.
    foreignKey({ name: 'assessment_post_lock_adjustments_result_id_fk', columns: [t.resultId], foreignColumns: [assessmentResults.id] }),
    uniqueIndex('assessment_post_lock_unique').on(t.resultId, t.recomputedTotalCenti),
    index('assessment_post_lock_period_idx').on(t.periodKey),
  ],
);

export const assessmentCards = pgTable(
  'assessment_cards',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id),
    resultId: integer('result_id').references(() => assessmentResults.id),
    kind: text('kind', { enum: ['review', 'approval', 'result', 'appeal'] }).notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    platform: text('platform', { enum: ['feishu', 'dingtalk', 'sandbox'] }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    assessmentVersion: integer('assessment_version').notNull(),
    messageId: text('message_id'),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [uniqueIndex('assessment_cards_key_unique').on(t.idempotencyKey), index('assessment_cards_assessment_idx').on(t.assessmentId, t.kind)],
);
