import { sql } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { queryRows } from '../dialect.js';
import type { DataScope } from '../../domain/org/acting-user.js';
import { scopeSql } from './dashboard-repository.js';

/**
 * What a manager reviews outside the scorecard, narrowed to a data scope: the records they (or
 * another manager) flagged 存疑, and the customers' own survey answers.
 */

const LIST_LIMIT = 200;

export interface DoubtedRecord {
  kind: 'visit' | 'training';
  id: number;
  /** The visit or training date (business date). */
  date: string;
  /** The customer (visit) or the course (training). */
  subject: string;
  notes: string | null;
  repUserId: number;
  repName: string;
  doubtedAt: number;
  doubtedByName: string | null;
}

export interface SurveyAnswerItem {
  surveyId: number;
  score: number;
  nps: number | null;
  comment: string | null;
  surveyedOn: string;
  contactName: string | null;
  customerId: number;
  customerName: string;
  /** The customer's owner: whose manager may turn the answer into a complaint. */
  ownerUserId: number;
  repUserId: number;
  repName: string;
  /** The complaint made of it (转为投诉), if any. */
  complaintId: number | null;
}

/** A scope's filter on a rep column (whole user ids only, so the fragment is safe to inline). */
const inScope = (column: string, scope: DataScope) => sql.raw(scopeSql(column, scope));

/*
 * Raw SQL that both databases read alike: aliases are quoted (pg folds unquoted names to lower case), the
 * union is a named subquery (pg requires the name), and NULL answer times sort last as SQLite's DESC does.
 */
export function createManagerReviewRepository(db: Db) {
  return asyncRepository(db, {
    /** Visits and training marked 存疑 and not confirmed since, newest flag first. */
    async doubted(scope: DataScope): Promise<DoubtedRecord[]> {
      return await queryRows<DoubtedRecord>(
        db,
        sql`SELECT * FROM (
              SELECT 'visit' AS kind, v.id, v.visit_date AS date, c.name AS subject, v.notes, v.rep_user_id AS "repUserId", u.name AS "repName",
                     v.doubted_at AS "doubtedAt", d.name AS "doubtedByName"
                FROM visits v JOIN customers c ON c.id = v.customer_id JOIN users u ON u.id = v.rep_user_id LEFT JOIN users d ON d.id = v.doubted_by
               WHERE v.doubted_at IS NOT NULL AND ${inScope('v.rep_user_id', scope)}
              UNION ALL
              SELECT 'training', t.id, t.trained_on, t.course, NULL, t.rep_user_id, u.name, t.doubted_at, d.name
                FROM trainings t JOIN users u ON u.id = t.rep_user_id LEFT JOIN users d ON d.id = t.doubted_by
               WHERE t.doubted_at IS NOT NULL AND ${inScope('t.rep_user_id', scope)}) AS doubted
            ORDER BY "doubtedAt" DESC, kind, id DESC LIMIT ${sql.raw(String(LIST_LIMIT))}`,
      );
    },
    /** Answers customers gave through a survey link, newest first. */
    async surveyAnswers(scope: DataScope): Promise<SurveyAnswerItem[]> {
      return await queryRows<SurveyAnswerItem>(
        db,
        sql`SELECT s.id AS "surveyId", s.score, s.nps, s.comment, s.surveyed_on AS "surveyedOn", l.contact_name AS "contactName", s.customer_id AS "customerId",
                   c.name AS "customerName", c.owner_user_id AS "ownerUserId", s.rep_user_id AS "repUserId", u.name AS "repName", l.complaint_id AS "complaintId"
              FROM survey_links l JOIN satisfaction_surveys s ON s.id = l.survey_id JOIN customers c ON c.id = s.customer_id JOIN users u ON u.id = s.rep_user_id
             WHERE ${inScope('s.rep_user_id', scope)}
             ORDER BY l.answered_at DESC NULLS LAST, s.id DESC LIMIT ${sql.raw(String(LIST_LIMIT))}`,
      );
    },
  });
}
