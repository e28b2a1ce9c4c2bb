import { sql } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { queryRows } from '../dialect.js';

export interface StageChangeRow {
  rep_user_id: number;
  from_stage: string | null;
  to_stage: string;
}

export interface OverdueNextStepRow {
  rep_user_id: number;
  customer: string;
  next_step: string;
  next_step_due: string;
}

export interface UnconfirmedRecordRow {
  kind: 'visit' | 'training';
  id: number;
  rep_user_id: number;
  /** The customer visited, or the course. */
  subject: string;
  date: string;
}

/** What the manager's Monday digest reads beyond the scorecards: pipeline movement and overdue next steps. */
export function createManagerDigestFactsRepository(db: Db) {
  return asyncRepository(db, {
    /** Every stage change (creation included) dated in [from, toExclusive), with the deal's rep. */
    async stageChanges(fromDate: string, toDateExclusive: string): Promise<StageChangeRow[]> {
      return await queryRows<StageChangeRow>(
        db,
        sql`SELECT d.rep_user_id, h.from_stage, h.to_stage FROM deal_stage_history h JOIN deals d ON d.id = h.deal_id
             WHERE h.changed_on >= ${fromDate} AND h.changed_on < ${toDateExclusive}`,
      );
    },

    /**
     * Next steps due before `today` that nothing answered: not 完成, and the rep has not visited that
     * customer again since the visit that set the step. A 改期 moves the date (next_steps).
     */
    async overdueNextSteps(today: string, limit = 200): Promise<OverdueNextStepRow[]> {
      return await queryRows<OverdueNextStepRow>(
        db,
        sql`SELECT v.rep_user_id, c.name AS customer, v.next_step, COALESCE(s.due_date, v.next_step_due) AS next_step_due
              FROM visits v JOIN customers c ON c.id = v.customer_id LEFT JOIN next_steps s ON s.visit_id = v.id
             WHERE v.next_step IS NOT NULL AND v.next_step_due IS NOT NULL AND COALESCE(s.due_date, v.next_step_due) < ${today}
               AND COALESCE(s.status, 'open') <> 'done'
               AND NOT EXISTS (SELECT 1 FROM visits w WHERE w.rep_user_id = v.rep_user_id AND w.customer_id = v.customer_id AND w.visit_date > v.visit_date)
             ORDER BY next_step_due, v.id LIMIT ${limit}`,
      );
    },

    /**
     * Typed (self) visits and training dated in [from, toExclusive) that nobody confirmed or doubted
     * yet: what the manager may 确认 / 存疑 on the digest. Oldest first.
     */
    async unconfirmedRecords(fromDate: string, toDateExclusive: string, limit = 500): Promise<UnconfirmedRecordRow[]> {
      // "date" quoted: a type name on PostgreSQL. The kinds are plain ASCII, so both databases order them alike.
      return await queryRows<UnconfirmedRecordRow>(
        db,
        sql`SELECT 'visit' AS kind, v.id, v.rep_user_id, c.name AS subject, v.visit_date AS "date" FROM visits v JOIN customers c ON c.id = v.customer_id
             WHERE v.verification = 'self' AND v.doubted_at IS NULL AND v.visit_date >= ${fromDate} AND v.visit_date < ${toDateExclusive}
            UNION ALL
            SELECT 'training' AS kind, t.id, t.rep_user_id, t.course AS subject, t.trained_on AS "date" FROM trainings t
             WHERE t.verification = 'self' AND t.doubted_at IS NULL AND t.trained_on >= ${fromDate} AND t.trained_on < ${toDateExclusive}
            ORDER BY "date", kind, id LIMIT ${limit}`,
      );
    },
  });
}
