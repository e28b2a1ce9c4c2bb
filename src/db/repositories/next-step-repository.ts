import { asyncRepository, type Db } from '../client.js';
import type { NextStepStatus } from '../schema/next-steps.js';

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
const STEPS = `SELECT v.id AS visitId, c.owner_user_id AS repUserId, v.customer_id AS customerId, c.name AS customer, v.next_step AS text,
    COALESCE(s.due_date, v.next_step_due) AS due, COALESCE(s.status, 'open') AS status, s.reminded_for AS remindedFor,
    s.platform_task_id AS platformTaskId
  FROM visits v JOIN customers c ON c.id = v.customer_id LEFT JOIN next_steps s ON s.visit_id = v.id
  WHERE v.next_step IS NOT NULL AND v.next_step_due IS NOT NULL`;
// Open: not 完成, and not answered by a later visit of the same rep to the same customer (that visit's
// own 下一步, if any, takes over), the rule the manager digest has always used.
const OPEN = `COALESCE(s.status, 'open') <> 'done'
  AND NOT EXISTS (SELECT 1 FROM visits w WHERE w.rep_user_id = v.rep_user_id AND w.customer_id = v.customer_id AND w.visit_date > v.visit_date)`;
const DUE = 'COALESCE(s.due_date, v.next_step_due)';

/** The state of visits' next steps: what is due, what is open, and the changes 完成 / 改期 / reminders make. */
export function createNextStepRepository(db: Db) {
  const client = db.$client;
  const upsert = (visitId: number, set: Record<string, string | number | null>, now: number): void => {
    const columns = Object.keys(set);
    client
      .prepare(
        `INSERT INTO next_steps (visit_id, ${columns.join(', ')}, updated_at) VALUES (@visitId, ${columns.map((c) => `@${c}`).join(', ')}, @now)
          ON CONFLICT (visit_id) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = excluded.updated_at`,
      )
      .run({ ...set, visitId, now });
  };
  return asyncRepository(db, {
    get(visitId: number): NextStepRow | undefined {
      return client.prepare(`${STEPS} AND v.id = ?`).get(visitId) as NextStepRow | undefined;
    },

    /** Open steps due on `date`, by rep and visit. */
    dueOn(date: string): NextStepRow[] {
      return client.prepare(`${STEPS} AND ${OPEN} AND ${DUE} = ? ORDER BY c.owner_user_id, v.id`).all(date) as NextStepRow[];
    },

    /** A rep's open steps, soonest first (overdue ones lead). */
    openOf(repUserId: number, limit = 100): NextStepRow[] {
      return client.prepare(`${STEPS} AND ${OPEN} AND c.owner_user_id = ? ORDER BY due, v.id LIMIT ?`).all(repUserId, limit) as NextStepRow[];
    },

    /** Open steps whose date in force is before `today`, oldest first (the manager digest's list). */
    overdue(today: string, limit = 200): NextStepRow[] {
      return client.prepare(`${STEPS} AND ${OPEN} AND ${DUE} < ? ORDER BY due, v.id LIMIT ?`).all(today, limit) as NextStepRow[];
    },

    markDone(visitId: number, by: number | null, now: number): void {
      upsert(visitId, { status: 'done', done_at: now, done_by: by }, now);
    },

    reschedule(visitId: number, date: string, now: number): void {
      upsert(visitId, { status: 'rescheduled', due_date: date, done_at: null, done_by: null }, now);
    },

    markReminded(visitId: number, date: string, now: number): void {
      upsert(visitId, { reminded_for: date }, now);
    },

    setPlatformTask(visitId: number, taskId: string, now: number): void {
      upsert(visitId, { platform_task_id: taskId }, now);
    },
  });
}

export type NextStepRepository = ReturnType<typeof createNextStepRepository>;
