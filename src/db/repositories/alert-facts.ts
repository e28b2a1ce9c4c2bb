import { sql } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { queryRows } from '../dialect.js';

export interface StuckDealCandidate {
  id: number;
  rep_user_id: number;
  title: string | null;
  amount_fen: number;
  stage: string;
  customer: string;
  rep: string;
  /** When it entered its stage: the last stage change, or its creation. */
  since: number;
}

export interface UnansweredComplaint {
  id: number;
  rep_user_id: number;
  content: string;
  received_on: string;
  received_at: number;
  customer: string;
  rep: string;
}

/** What the daily alert rules (src/features/alerts) look at, read in one query per rule. */
export function createAlertFactsRepository(db: Db) {
  return asyncRepository(db, {
    /** Each rep's latest visit date. */
    async lastVisitDates(): Promise<Map<number, string>> {
      const rows = await queryRows<{ id: number; last: string }>(db, sql`SELECT rep_user_id AS id, MAX(visit_date) AS last FROM visits GROUP BY rep_user_id`);
      return new Map(rows.map((r) => [r.id, r.last]));
    },

    /** Open deals (not won or lost) of active reps, with the customer's and rep's names. */
    async openDealsWithStageSince(): Promise<StuckDealCandidate[]> {
      // TRUE is 1 on SQLite (3.23+) and the boolean column's true on PostgreSQL.
      return await queryRows<StuckDealCandidate>(
        db,
        sql`SELECT d.id, d.rep_user_id, d.title, d.amount_fen, d.stage, c.name AS customer, u.name AS rep,
                   COALESCE((SELECT MAX(h.changed_at) FROM deal_stage_history h WHERE h.deal_id = d.id), d.created_at) AS since
              FROM deals d JOIN customers c ON c.id = d.customer_id JOIN users u ON u.id = d.rep_user_id
             WHERE d.stage NOT IN ('won', 'lost') AND u.active = TRUE`,
      );
    },

    /** Complaints neither answered nor closed, received at or before `receivedBy`. */
    async unansweredComplaints(receivedBy: number): Promise<UnansweredComplaint[]> {
      return await queryRows<UnansweredComplaint>(
        db,
        sql`SELECT k.id, k.rep_user_id, k.content, k.received_on, k.received_at, c.name AS customer, u.name AS rep
              FROM complaints k JOIN customers c ON c.id = k.customer_id JOIN users u ON u.id = k.rep_user_id
             WHERE k.responded_at IS NULL AND k.closed_at IS NULL AND k.received_at <= ${receivedBy}`,
      );
    },
  });
}
