import { asyncRepository, type Db } from '../client.js';

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
  const client = db.$client;
  return asyncRepository(db, {
    /** Each rep's latest visit date. */
    lastVisitDates(): Map<number, string> {
      const rows = client.prepare('SELECT rep_user_id AS id, MAX(visit_date) AS last FROM visits GROUP BY rep_user_id').all() as { id: number; last: string }[];
      return new Map(rows.map((r) => [r.id, r.last]));
    },

    /** Open deals (not won or lost) of active reps, with the customer's and rep's names. */
    openDealsWithStageSince(): StuckDealCandidate[] {
      return client
        .prepare(
          `SELECT d.id, d.rep_user_id, d.title, d.amount_fen, d.stage, c.name AS customer, u.name AS rep,
                  COALESCE((SELECT MAX(h.changed_at) FROM deal_stage_history h WHERE h.deal_id = d.id), d.created_at) AS since
             FROM deals d JOIN customers c ON c.id = d.customer_id JOIN users u ON u.id = d.rep_user_id
            WHERE d.stage NOT IN ('won', 'lost') AND u.active = 1`,
        )
        .all() as StuckDealCandidate[];
    },

    /** Complaints neither answered nor closed, received at or before `receivedBy`. */
    unansweredComplaints(receivedBy: number): UnansweredComplaint[] {
      return client
        .prepare(
          `SELECT k.id, k.rep_user_id, k.content, k.received_on, k.received_at, c.name AS customer, u.name AS rep
             FROM complaints k JOIN customers c ON c.id = k.customer_id JOIN users u ON u.id = k.rep_user_id
            WHERE k.responded_at IS NULL AND k.closed_at IS NULL AND k.received_at <= ?`,
        )
        .all(receivedBy) as UnansweredComplaint[];
    },
  });
}
