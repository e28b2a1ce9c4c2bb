import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';
import { visits } from './activities.js';
import { users } from './org.js';

export const NEXT_STEP_STATUSES = ['open', 'done', 'rescheduled'] as const;
export type NextStepStatus = (typeof NEXT_STEP_STATUSES)[number];

/**
 * What happened to a visit's 下一步 (visits.next_step / next_step_due) after it was written. A row is
 * made on the first change (reminder, 完成, 改期): a visit without one is an open step due on its
 * visit's date, so no backfill is needed and the visit itself is never rewritten by a reminder.
 * An undone visit takes its row with it (cascade).
 */
export const nextSteps = pgTable(
  'next_steps',
  {
    visitId: integer('visit_id')
      .primaryKey()
      .references(() => visits.id, { onDelete: 'cascade' }),
    status: text('status', { enum: NEXT_STEP_STATUSES }).notNull().default('open'),
    /** Business date after 改期; null: the visit's next_step_due. */
    dueDate: text('due_date'),
    doneAt: epochMs('done_at'),
    doneBy: integer('done_by').references(() => users.id),
    /** The due date the last reminder card was queued for (the outbox key makes it once). */
    remindedFor: text('reminded_for'),
    /** The platform task (Feishu task guid, DingTalk to-do id) made for the step, when enabled. */
    platformTaskId: text('platform_task_id'),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [index('next_steps_due_idx').on(t.status, t.dueDate)],
);
