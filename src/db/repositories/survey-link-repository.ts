import { and, eq, isNull } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { surveyLinks } from '../schema/index.js';
import { writeAudit, type WriteActor } from './audited-store.js';

export type SurveyLink = typeof surveyLinks.$inferSelect;

/** Survey links (issue 17). Marking a link answered or converted is conditional, so a second answer or click changes nothing. */
export function createSurveyLinkRepository(db: Db) {
  return asyncRepository(db, {
    get(id: string): SurveyLink | undefined {
      return db.select().from(surveyLinks).where(eq(surveyLinks.id, id)).get();
    },
    bySurvey(surveyId: number): SurveyLink | undefined {
      return db.select().from(surveyLinks).where(eq(surveyLinks.surveyId, surveyId)).get();
    },
    insert(actor: WriteActor, row: typeof surveyLinks.$inferInsert): SurveyLink {
      const stored = db.insert(surveyLinks).values(row).returning().get();
      // The id is a bearer secret (half of the link): the audit row names the customer, not the id.
      writeAudit(db, actor, 'survey_link.create', 'survey_link', stored.customerId, null, { customerId: stored.customerId, repUserId: stored.repUserId, expiresAt: stored.expiresAt });
      return stored;
    },
    /** True when this call answered the link (it was still open). */
    markAnswered(id: string, at: number, surveyId: number): boolean {
      return db.update(surveyLinks).set({ answeredAt: at, surveyId }).where(and(eq(surveyLinks.id, id), isNull(surveyLinks.answeredAt))).run().changes === 1;
    },
    /** True when this call attached the complaint (none was attached before). */
    markConverted(id: string, complaintId: number): boolean {
      return db.update(surveyLinks).set({ complaintId }).where(and(eq(surveyLinks.id, id), isNull(surveyLinks.complaintId))).run().changes === 1;
    },
  });
}

export type SurveyLinkRepository = ReturnType<typeof createSurveyLinkRepository>;
