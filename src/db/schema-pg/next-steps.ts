// The PostgreSQL twin of ../schema/next-steps.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';
import { visits } from './activities.js';
import { users } from './org.js';
import { NEXT_STEP_STATUSES } from '../schema/next-steps.js';

export { NEXT_STEP_STATUSES, type NextStepStatus } from '../schema/next-steps.js';

export const nextSteps = pgTable(
  'next_steps',
  {
    visitId: integer('visit_id')
      .primaryKey()
      .references(() => visits.id, { onDelete: 'cascade' }),
    status: text('status', { enum: NEXT_STEP_STATUSES }).notNull().default('open'),
    dueDate: text('due_date'),
    doneAt: epochMs('done_at'),
    doneBy: integer('done_by').references(() => users.id),
    remindedFor: text('reminded_for'),
    platformTaskId: text('platform_task_id'),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [index('next_steps_due_idx').on(t.status, t.dueDate)],
);
