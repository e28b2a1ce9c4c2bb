import { and, eq, isNull } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { affected, tablesOf } from '../dialect.js';
import type { surveyLinks } from '../schema/index.js';
import { writeAudit, type WriteActor } from './audited-store.js';

export type SurveyLink = typeof surveyLinks.$inferSelect;

/** Survey links (issue 17). Marking a link answered or converted is conditional, so a second answer or click changes nothing. */
export function createSurveyLinkRepository(db: Db) {
  const { surveyLinks } = tablesOf(db);
  return asyncRepository(db, {
    async get(id: string): Promise<SurveyLink | undefined> {
      return (await db.select().from(surveyLinks).where(eq(surveyLinks.id, id)).limit(1))[0];
    },
    async bySurvey(surveyId: number): Promise<SurveyLink | undefined> {
      return (await db.select().from(surveyLinks).where(eq(surveyLinks.surveyId, surveyId)).limit(1))[0];
    },
    async insert(actor: WriteActor, row: typeof surveyLinks.$inferInsert): Promise<SurveyLink> {
      const [stored] = await db.insert(surveyLinks).values(row).returning();
      // The id is a bearer secret (half of the link): the audit row names the customer, not the id.
      await writeAudit(db, actor, 'survey_link.create', 'survey_link', stored!.customerId, null, { customerId: stored!.customerId, repUserId: stored!.repUserId, expiresAt: stored!.expiresAt });
      return stored!;
    },
    /** True when this call answered the link (it was still open). */
    async markAnswered(id: string, at: number, surveyId: number): Promise<boolean> {
      return affected(await db.update(surveyLinks).set({ answeredAt: at, surveyId }).where(and(eq(surveyLinks.id, id), isNull(surveyLinks.answeredAt)))) === 1;
    },
    /** True when this call attached the complaint (none was attached before). */
    async markConverted(id: string, complaintId: number): Promise<boolean> {
      return affected(await db.update(surveyLinks).set({ complaintId }).where(and(eq(surveyLinks.id, id), isNull(surveyLinks.complaintId)))) === 1;
    },
  });
}

export type SurveyLinkRepository = ReturnType<typeof createSurveyLinkRepository>;
