import { and, desc, eq, gte, inArray, lt, lte, notInArray, sql } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { complaints, dealStageHistory, deals, payments, satisfactionSurveys, trainings, visits } from '../schema/index.js';
import { tablesOf } from '../dialect.js';
import { OPEN_DEAL_STAGES } from '../../domain/records/vocabulary.js';
import { createAuditedStore } from './audited-store.js';

export type Visit = typeof visits.$inferSelect;
export type Deal = typeof deals.$inferSelect;
export type Payment = typeof payments.$inferSelect;
export type Survey = typeof satisfactionSurveys.$inferSelect;
export type Complaint = typeof complaints.$inferSelect;
export type Training = typeof trainings.$inferSelect;
export type StageChange = typeof dealStageHistory.$inferSelect;

/** The sales records a rep enters, each table behind an audited store. */
export function createRecordRepository(db: Db) {
  const { auditLog, complaints, dealStageHistory, deals, payments, satisfactionSurveys, trainings, visits } = tablesOf(db);
  const countOf = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;
  const count = sql<number>`count(*)`.mapWith(Number);
  return asyncRepository(db, {
    visits: asyncRepository(db, createAuditedStore(db, visits, 'visit')),
    deals: asyncRepository(db, createAuditedStore(db, deals, 'deal')),
    stageHistory: asyncRepository(db, createAuditedStore(db, dealStageHistory, 'deal_stage')),
    payments: asyncRepository(db, createAuditedStore(db, payments, 'payment')),
    surveys: asyncRepository(db, createAuditedStore(db, satisfactionSurveys, 'satisfaction_survey')),
    complaints: asyncRepository(db, createAuditedStore(db, complaints, 'complaint')),
    trainings: asyncRepository(db, createAuditedStore(db, trainings, 'training')),

    /** Open deals (not won or lost) of a customer, newest first. */
    async openDealsOf(customerId: number): Promise<Deal[]> {
      return await db
        .select()
        .from(deals)
        .where(and(eq(deals.customerId, customerId), inArray(deals.stage, [...OPEN_DEAL_STAGES])))
        .orderBy(desc(deals.id));
    },

    /** Won deals of a customer with what has been paid on each, newest first. */
    async wonDealsOf(customerId: number): Promise<(Deal & { paidFen: number })[]> {
      const won = await db
        .select()
        .from(deals)
        .where(and(eq(deals.customerId, customerId), eq(deals.stage, 'won')))
        // NULLS LAST spelled out: PostgreSQL's DESC puts NULLs first, SQLite's last.
        .orderBy(sql`${deals.wonOn} desc nulls last`, desc(deals.id));
      const paid: (Deal & { paidFen: number })[] = [];
      for (const deal of won) paid.push({ ...deal, paidFen: await this.paidOn(deal.id) });
      return paid;
    },

    async paidOn(dealId: number): Promise<number> {
      // SUM of a bigint is numeric on PostgreSQL (a string): mapped back to a number.
      const [row] = await db.select({ total: sql<number>`coalesce(sum(${payments.amountFen}), 0)`.mapWith(Number) }).from(payments).where(eq(payments.dealId, dealId));
      return row?.total ?? 0;
    },

    async lastStageChange(dealId: number): Promise<StageChange | undefined> {
      return (await db.select().from(dealStageHistory).where(eq(dealStageHistory.dealId, dealId)).orderBy(desc(dealStageHistory.id)).limit(1))[0];
    },

    async stageChangesOf(dealId: number): Promise<StageChange[]> {
      return await db.select().from(dealStageHistory).where(eq(dealStageHistory.dealId, dealId));
    },

    /** The deal as it stood before its newest audited update (what an undone stage change restores), or undefined. */
    async dealBeforeLastUpdate(dealId: number): Promise<unknown> {
      const [row] = await db
        .select({ before: auditLog.before })
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'deal'), eq(auditLog.entityId, String(dealId)), eq(auditLog.action, 'deal.update')))
        .orderBy(desc(auditLog.id))
        .limit(1);
      return row?.before;
    },

    /** Visits per rep with a visit date in [fromDate, toDateExclusive). */
    async visitCountsByRep(fromDate: string, toDateExclusive: string): Promise<Map<number, number>> {
      const rows = await db
        .select({ id: visits.repUserId, n: count })
        .from(visits)
        .where(and(gte(visits.visitDate, fromDate), lt(visits.visitDate, toDateExclusive)))
        .groupBy(visits.repUserId);
      return new Map(rows.map((r) => [r.id, r.n]));
    },

    /** Counts of what refers to a customer, so an undo never orphans records. */
    async referencesToCustomer(customerId: number, except: { visitIds?: number[] } = {}): Promise<number> {
      const visitFilter = except.visitIds?.length ? and(eq(visits.customerId, customerId), notInArray(visits.id, except.visitIds)) : eq(visits.customerId, customerId);
      return (
        (await countOf(db.select({ n: count }).from(visits).where(visitFilter))) +
        (await countOf(db.select({ n: count }).from(deals).where(eq(deals.customerId, customerId)))) +
        (await countOf(db.select({ n: count }).from(satisfactionSurveys).where(eq(satisfactionSurveys.customerId, customerId)))) +
        (await countOf(db.select({ n: count }).from(complaints).where(eq(complaints.customerId, customerId))))
      );
    },

    /** A rep's records in a date range [from, to] (business dates, inclusive), for "我的". */
    async summaryOf(repUserId: number, from: string, to: string) {
      const inRange = (column: SQLiteColumn) => and(gte(column, from), lte(column, to));
      return {
        visits: await db.select().from(visits).where(and(eq(visits.repUserId, repUserId), inRange(visits.visitDate))).orderBy(desc(visits.visitDate)),
        wonDeals: await db.select().from(deals).where(and(eq(deals.repUserId, repUserId), eq(deals.stage, 'won'), inRange(deals.wonOn))),
        payments: await db.select().from(payments).where(and(eq(payments.repUserId, repUserId), inRange(payments.paidOn))),
        openDeals: await db.select().from(deals).where(and(eq(deals.repUserId, repUserId), inArray(deals.stage, [...OPEN_DEAL_STAGES]))),
        trainings: await db.select().from(trainings).where(and(eq(trainings.repUserId, repUserId), inRange(trainings.trainedOn))),
      };
    },
  });
}

export type RecordRepository = ReturnType<typeof createRecordRepository>;
