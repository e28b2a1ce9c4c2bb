import { asyncRepository, type Db } from '../client.js';

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

/** What the manager's Monday digest reads beyond the scorecards: pipeline movement and overdue next steps. */
export function createManagerDigestFactsRepository(db: Db) {
  const client = db.$client;
  return asyncRepository(db, {
    /** Every stage change (creation included) dated in [from, toExclusive), with the deal's rep. */
    stageChanges(fromDate: string, toDateExclusive: string): StageChangeRow[] {
      return client
        .prepare(
          `SELECT d.rep_user_id, h.from_stage, h.to_stage FROM deal_stage_history h JOIN deals d ON d.id = h.deal_id
            WHERE h.changed_on >= ? AND h.changed_on < ?`,
        )
        .all(fromDate, toDateExclusive) as StageChangeRow[];
    },

    /**
     * Next steps due before `today` that nothing answered: the rep has not visited that customer again
     * since the visit that set the step (the data model has no "done" flag on a next step).
     */
    overdueNextSteps(today: string, limit = 200): OverdueNextStepRow[] {
      return client
        .prepare(
          `SELECT v.rep_user_id, c.name AS customer, v.next_step, v.next_step_due FROM visits v JOIN customers c ON c.id = v.customer_id
            WHERE v.next_step IS NOT NULL AND v.next_step_due IS NOT NULL AND v.next_step_due < ?
              AND NOT EXISTS (SELECT 1 FROM visits w WHERE w.rep_user_id = v.rep_user_id AND w.customer_id = v.customer_id AND w.visit_date > v.visit_date)
            ORDER BY v.next_step_due, v.id LIMIT ?`,
        )
        .all(today, limit) as OverdueNextStepRow[];
    },
  });
}
