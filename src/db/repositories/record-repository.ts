import { and, desc, eq, gte, inArray, lte, notInArray, sql } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { auditLog, complaints, dealStageHistory, deals, payments, satisfactionSurveys, trainings, visits } from '../schema/index.js';
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
  return asyncRepository(db, {
    visits: asyncRepository(db, createAuditedStore(db, visits, 'visit')),
    deals: asyncRepository(db, createAuditedStore(db, deals, 'deal')),
    stageHistory: asyncRepository(db, createAuditedStore(db, dealStageHistory, 'deal_stage')),
    payments: asyncRepository(db, createAuditedStore(db, payments, 'payment')),
    surveys: asyncRepository(db, createAuditedStore(db, satisfactionSurveys, 'satisfaction_survey')),
    complaints: asyncRepository(db, createAuditedStore(db, complaints, 'complaint')),
    trainings: asyncRepository(db, createAuditedStore(db, trainings, 'training')),

    /** Open deals (not won or lost) of a customer, newest first. */
    openDealsOf(customerId: number): Deal[] {
      return db
        .select()
        .from(deals)
        .where(and(eq(deals.customerId, customerId), inArray(deals.stage, [...OPEN_DEAL_STAGES])))
        .orderBy(desc(deals.id))
        .all();
    },

    /** Won deals of a customer with what has been paid on each, newest first. */
    wonDealsOf(customerId: number): (Deal & { paidFen: number })[] {
      return db
        .select()
        .from(deals)
        .where(and(eq(deals.customerId, customerId), eq(deals.stage, 'won')))
        .orderBy(desc(deals.wonOn), desc(deals.id))
        .all()
        .map((d) => ({ ...d, paidFen: this.paidOn(d.id) }));
    },

    paidOn(dealId: number): number {
      return db.select({ total: sql<number>`coalesce(sum(${payments.amountFen}), 0)` }).from(payments).where(eq(payments.dealId, dealId)).get()?.total ?? 0;
    },

    lastStageChange(dealId: number): StageChange | undefined {
      return db.select().from(dealStageHistory).where(eq(dealStageHistory.dealId, dealId)).orderBy(desc(dealStageHistory.id)).get();
    },

    stageChangesOf(dealId: number): StageChange[] {
      return db.select().from(dealStageHistory).where(eq(dealStageHistory.dealId, dealId)).all();
    },

    /** The deal as it stood before its newest audited update (what an undone stage change restores), or undefined. */
    dealBeforeLastUpdate(dealId: number): unknown {
      return db
        .select({ before: auditLog.before })
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'deal'), eq(auditLog.entityId, String(dealId)), eq(auditLog.action, 'deal.update')))
        .orderBy(desc(auditLog.id))
        .get()?.before;
    },

    /** Visits per rep with a visit date in [fromDate, toDateExclusive). */
    visitCountsByRep(fromDate: string, toDateExclusive: string): Map<number, number> {
      const rows = db.$client
        .prepare('SELECT rep_user_id AS id, COUNT(*) AS n FROM visits WHERE visit_date >= ? AND visit_date < ? GROUP BY rep_user_id')
        .all(fromDate, toDateExclusive) as { id: number; n: number }[];
      return new Map(rows.map((r) => [r.id, r.n]));
    },

    /** Counts of what refers to a customer, so an undo never orphans records. */
    referencesToCustomer(customerId: number, except: { visitIds?: number[] } = {}): number {
      const count = (n: { n: number } | undefined) => n?.n ?? 0;
      const visitFilter = except.visitIds?.length ? and(eq(visits.customerId, customerId), notInArray(visits.id, except.visitIds)) : eq(visits.customerId, customerId);
      return (
        count(db.select({ n: sql<number>`count(*)` }).from(visits).where(visitFilter).get()) +
        count(db.select({ n: sql<number>`count(*)` }).from(deals).where(eq(deals.customerId, customerId)).get()) +
        count(db.select({ n: sql<number>`count(*)` }).from(satisfactionSurveys).where(eq(satisfactionSurveys.customerId, customerId)).get()) +
        count(db.select({ n: sql<number>`count(*)` }).from(complaints).where(eq(complaints.customerId, customerId)).get())
      );
    },

    /** A rep's records in a date range [from, to] (business dates, inclusive), for "我的". */
    summaryOf(repUserId: number, from: string, to: string) {
      const inRange = (column: SQLiteColumn) => and(gte(column, from), lte(column, to));
      return {
        visits: db.select().from(visits).where(and(eq(visits.repUserId, repUserId), inRange(visits.visitDate))).orderBy(desc(visits.visitDate)).all(),
        wonDeals: db.select().from(deals).where(and(eq(deals.repUserId, repUserId), eq(deals.stage, 'won'), inRange(deals.wonOn))).all(),
        payments: db.select().from(payments).where(and(eq(payments.repUserId, repUserId), inRange(payments.paidOn))).all(),
        openDeals: db.select().from(deals).where(and(eq(deals.repUserId, repUserId), inArray(deals.stage, [...OPEN_DEAL_STAGES]))).all(),
        trainings: db.select().from(trainings).where(and(eq(trainings.repUserId, repUserId), inRange(trainings.trainedOn))).all(),
      };
    },
  });
}

export type RecordRepository = ReturnType<typeof createRecordRepository>;
