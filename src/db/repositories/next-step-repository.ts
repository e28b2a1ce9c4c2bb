import { sql, type SQL } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { queryRows, tablesOf } from '../dialect.js';
import type { NextStepStatus, nextSteps } from '../schema/next-steps.js';

/** A visit's 下一步 with its state; `due` is the date in force (after any 改期). */
export interface NextStepRow {
  visitId: number;
  repUserId: number;
  customerId: number;
  customer: string;
  text: string;
  due: string;
  status: NextStepStatus;
  remindedFor: string | null;
  platformTaskId: string | null;
}

// A visit without a next_steps row is an open step on its own due date (rows are made on first change).
// A step belongs to whoever owns the customer now: a 转交 or a leaver's handover moves open steps with it.
// Aliases are quoted: PostgreSQL folds unquoted names to lower case.
const STEPS = sql`SELECT v.id AS "visitId", c.owner_user_id AS "repUserId", v.customer_id AS "customerId", c.name AS customer, v.next_step AS text,
    COALESCE(s.due_date, v.next_step_due) AS due, COALESCE(s.status, 'open') AS status, s.reminded_for AS "remindedFor",
    s.platform_task_id AS "platformTaskId"
  FROM visits v JOIN customers c ON c.id = v.customer_id LEFT JOIN next_steps s ON s.visit_id = v.id
  WHERE v.next_step IS NOT NULL AND v.next_step_due IS NOT NULL`;
// Open: not 完成, and not answered by a later visit of the same rep to the same customer (that visit's
// own 下一步, if any, takes over), the rule the manager digest has always used.
const OPEN = sql`COALESCE(s.status, 'open') <> 'done'
  AND NOT EXISTS (SELECT 1 FROM visits w WHERE w.rep_user_id = v.rep_user_id AND w.customer_id = v.customer_id AND w.visit_date > v.visit_date)`;
const DUE = sql`COALESCE(s.due_date, v.next_step_due)`;

type StepChange = Partial<Pick<typeof nextSteps.$inferInsert, 'status' | 'dueDate' | 'doneAt' | 'doneBy' | 'remindedFor' | 'platformTaskId'>>;

/** The state of visits' next steps: what is due, what is open, and the changes 完成 / 改期 / reminders make. */
export function createNextStepRepository(db: Db) {
  const { nextSteps } = tablesOf(db);
  const steps = (condition: SQL) => queryRows<NextStepRow>(db, sql`${STEPS} ${condition}`);
  /** Writes the changed columns, making the visit's row on its first change. */
  const upsert = async (visitId: number, change: StepChange, now: number): Promise<void> => {
    await db
      .insert(nextSteps)
      .values({ visitId, ...change, updatedAt: now })
      .onConflictDoUpdate({ target: nextSteps.visitId, set: { ...change, updatedAt: now } });
  };
  return asyncRepository(db, {
    async get(visitId: number): Promise<NextStepRow | undefined> {
      return (await steps(sql`AND v.id = ${visitId}`))[0];
    },

    /** Open steps due on `date`, by rep and visit. */
    async dueOn(date: string): Promise<NextStepRow[]> {
      return await steps(sql`AND ${OPEN} AND ${DUE} = ${date} ORDER BY c.owner_user_id, v.id`);
    },

    /** A rep's open steps, soonest first (overdue ones lead). */
    async openOf(repUserId: number, limit = 100): Promise<NextStepRow[]> {
      return await steps(sql`AND ${OPEN} AND c.owner_user_id = ${repUserId} ORDER BY due, v.id LIMIT ${limit}`);
    },

    /** Open steps whose date in force is before `today`, oldest first (the manager digest's list). */
    async overdue(today: string, limit = 200): Promise<NextStepRow[]> {
      return await steps(sql`AND ${OPEN} AND ${DUE} < ${today} ORDER BY due, v.id LIMIT ${limit}`);
    },

    async markDone(visitId: number, by: number | null, now: number): Promise<void> {
      await upsert(visitId, { status: 'done', doneAt: now, doneBy: by }, now);
    },

    async reschedule(visitId: number, date: string, now: number): Promise<void> {
      await upsert(visitId, { status: 'rescheduled', dueDate: date, doneAt: null, doneBy: null }, now);
    },

    async markReminded(visitId: number, date: string, now: number): Promise<void> {
      await upsert(visitId, { remindedFor: date }, now);
    },

    async setPlatformTask(visitId: number, taskId: string, now: number): Promise<void> {
      await upsert(visitId, { platformTaskId: taskId }, now);
    },
  });
}

export type NextStepRepository = ReturnType<typeof createNextStepRepository>;
