import { asyncRepository, type Db } from '../client.js';
import { isPg, namedSql, queryRows } from '../dialect.js';
import { completenessQueries } from './completeness-repository.js';
import { creditedOwnerSql } from './customer-owner-repository.js';
import { completenessCounts } from './completeness-counts.js';
import { visitMeasuresQueries } from './kpi-visit-measures.js';
import { emptyMeasures, emptyVerifiedMeasures, type RepMeasures, type VerifiedMeasures } from '../../domain/kpi/measures.js';
import type { Verification } from '../../domain/records/vocabulary.js';
import type { Period } from '../../domain/period.js';
import type { IndicatorKey } from '../../domain/kpi/indicators.js';

/**
 * The raw sums and counts behind every indicator, for every rep at once: one GROUP BY per record
 * table over the period's business dates (visit date, won/lost date, payment date, survey date,
 * complaint date, training date). Customers and opportunities carry no business date of their own, so
 * their creation instant is used, in the same half-open [start, end) of the period in APP_TIMEZONE.
 * Complaints count as unresolved when they were not closed before the period ended, so a closed
 * period's number never changes when the complaint is closed later.
 */

type Row = Record<string, number | string | null>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Each statement reads its table by a range on one business-date (or creation) column, through the
 * date-first indexes of migration 0023, so its cost follows the period and not the years of history.
 * `rep(column)` adds the one-rep condition of the /kpi command ('' when every rep is scored).
 */
type RepFilter = (column: string) => string;
const SQL = {
  // Visits: see kpi-visit-measures.ts (rep by rep through the covering index, joint visits added).
  // Won, lost and created are three ranges on three columns (won_on, lost_on, created_at), one index
  // each; every arm counts its own measure only, so a deal in two arms (created and won in the period) is
  // counted once per measure and UNION ALL needs no dedupe.
  deals: (rep: RepFilter) => `SELECT u, SUM(won) AS won, SUM(revenue) AS revenue, SUM(lost) AS lost, SUM(created) AS created
          FROM (SELECT rep_user_id AS u, COUNT(*) AS won, SUM(amount_fen) AS revenue, 0 AS lost, 0 AS created
                FROM deals WHERE ${rep('rep_user_id')} won_on >= @startDate AND won_on < @endDate AND stage = 'won' GROUP BY rep_user_id
                UNION ALL
                SELECT rep_user_id, 0, 0, COUNT(*), 0
                FROM deals WHERE ${rep('rep_user_id')} lost_on >= @startDate AND lost_on < @endDate AND stage = 'lost' GROUP BY rep_user_id
                UNION ALL
                SELECT rep_user_id, 0, 0, 0, COUNT(*)
                FROM deals WHERE ${rep('rep_user_id')} created_at >= @start AND created_at < @end GROUP BY rep_user_id) AS arms
          GROUP BY u`,
  // The verification-aware tables are grouped by verification too: the totals are the slices' sums.
  payments: (rep: RepFilter) => `SELECT rep_user_id AS u, verification AS v, COUNT(*) AS n, SUM(amount_fen) AS paid
             FROM payments WHERE ${rep('rep_user_id')} paid_on >= @startDate AND paid_on < @endDate GROUP BY rep_user_id, verification`,
  surveys: (rep: RepFilter) => `SELECT rep_user_id AS u, verification AS v, SUM(score) AS total, COUNT(*) AS n
            FROM satisfaction_surveys WHERE ${rep('rep_user_id')} surveyed_on >= @startDate AND surveyed_on < @endDate GROUP BY rep_user_id, verification`,
  complaints: (rep: RepFilter) => `SELECT rep_user_id AS u, verification AS v, COUNT(*) AS n,
                      SUM(CASE WHEN responded_at IS NOT NULL AND responded_at - received_at <= ${DAY_MS} THEN 1 ELSE 0 END) AS quick,
                      SUM(CASE WHEN closed_at IS NULL OR closed_at >= @end THEN 1 ELSE 0 END) AS open
               FROM complaints WHERE ${rep('rep_user_id')} received_on >= @startDate AND received_on < @endDate GROUP BY rep_user_id, verification`,
  training: (rep: RepFilter) => `SELECT rep_user_id AS u, verification AS v, COUNT(*) AS n, SUM(minutes) AS minutes
             FROM trainings WHERE ${rep('rep_user_id')} trained_on >= @startDate AND trained_on < @endDate GROUP BY rep_user_id, verification`,
  // New-customer credit goes to the customer's first owner (customer_owners), not today's: a handover
  // never moves credit already earned. Customers written without a history row fall back to their owner.
  // The period's customers are read by their created_at range first; the credited owner is then looked up.
  // (The derived tables are named and salesChannel quoted for PostgreSQL, which requires the one and
  // folds the other to lower case; SQLite's plans are the same.)
  newCustomers: (rep: RepFilter) => `SELECT u, "salesChannel", COUNT(*) AS n
                 FROM (SELECT ${creditedOwnerSql('c')} AS u, sc.code AS "salesChannel"
                       FROM customers c LEFT JOIN sales_channels sc ON sc.id = c.sales_channel_id
                       WHERE c.created_at >= @start AND c.created_at < @end) AS created
                 WHERE ${rep('u')} 1 = 1 GROUP BY u, "salesChannel"`,
};
/**
 * The statements an indicator's measure comes from, for the indicators a saved record's progress line
 * shows: scoring one rep for one line need not run the other tables' statements.
 */
type Query = keyof typeof SQL | 'visits';
const QUERIES_OF: Partial<Record<IndicatorKey, readonly Query[]>> = {
  visits: ['visits'],
  revenue_won: ['deals'],
  payments_collected: ['payments'],
};

/** The statements to run: all, unless every indicator asked for is one QUERIES_OF knows. */
function queriesFor(indicators: readonly IndicatorKey[] | undefined): ReadonlySet<Query> | undefined {
  if (!indicators || indicators.some((key) => !QUERIES_OF[key])) return undefined;
  return new Set(indicators.flatMap((key) => QUERIES_OF[key] ?? []));
}

type Statements = Record<keyof typeof SQL, (params: Record<string, unknown>) => Row[] | Promise<Row[]>>;

/**
 * SQLite: better-sqlite3 statements prepared once (the engine's hot path). PostgreSQL: the same SQL with
 * its parameters bound by drizzle; SUM is numeric there (a string), read back as a number by `num`.
 */
function statementsFor(db: Db, rep: RepFilter): Statements {
  const texts = Object.entries(SQL).map(([name, text]) => [name, text(rep)] as const);
  if (isPg(db)) return Object.fromEntries(texts.map(([name, text]) => [name, (params: Record<string, unknown>) => queryRows<Row>(db, namedSql(text, params))])) as Statements;
  return Object.fromEntries(
    texts.map(([name, text]) => {
      const statement = db.$client.prepare(text);
      return [name, (params: Record<string, unknown>) => statement.all(params) as Row[]];
    }),
  ) as Statements;
}

/** A sum or count as a number: SQLite gives numbers (null for no rows), PostgreSQL's SUM a numeric string. */
const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : 0);

export function kpiMeasuresQueries(db: Db) {
  const allReps = statementsFor(db, () => '');
  // One rep's card (the /kpi command) reads only that rep's rows through the (rep, date) indexes.
  const oneRepFilter = (column: string) => `${column} = @userId AND`;
  const oneRep = statementsFor(db, oneRepFilter);
  const allRepsVisits = visitMeasuresQueries(db, () => '');
  const oneRepVisits = visitMeasuresQueries(db, oneRepFilter);

  const completeness = completenessQueries(db);
  const counts = completenessCounts(db);

  return {
    /**
     * Measures of every rep with any record in the period (reps with none are absent: use emptyMeasures).
     * With `indicators`, only the measures those indicators read are filled in (the rest stay empty).
     */
    async measuresForPeriod(period: Period, userIds?: ReadonlySet<number>, indicators?: readonly IndicatorKey[]): Promise<Map<number, RepMeasures>> {
      const only = queriesFor(indicators);
      const single = userIds?.size === 1 ? (userIds.values().next().value as number) : undefined;
      const statements = single === undefined ? allReps : oneRep;
      const params = { startDate: period.startDate, endDate: period.endDate, start: period.start, end: period.end, ...(single === undefined ? {} : { userId: single }) };
      const byUser = new Map<number, RepMeasures>();
      const of = (row: Row): RepMeasures => {
        const id = row.u as number;
        let m = byUser.get(id);
        if (!m) {
          m = emptyMeasures();
          byUser.set(id, m);
        }
        return m;
      };
      const each = async (name: keyof typeof SQL, apply: (m: RepMeasures, row: Row) => void) => {
        if (only && !only.has(name)) return;
        for (const row of await statements[name](params)) apply(of(row), row);
      };
      const slice = (m: RepMeasures, v: Verification): VerifiedMeasures => {
        const slices = m.byVerification as Partial<Record<Verification, VerifiedMeasures>>;
        return (slices[v] ??= emptyVerifiedMeasures());
      };

      if (!only || only.has('visits')) await (single === undefined ? allRepsVisits : oneRepVisits)(params, (id) => of({ u: id }));
      await each('deals', (m, r) => {
        m.dealsWon = num(r.won);
        m.revenueWonFen = num(r.revenue);
        m.dealsLost = num(r.lost);
        m.opportunitiesCreated = num(r.created);
      });
      await each('payments', (m, r) => {
        Object.assign(slice(m, r.v as Verification), { payments: num(r.n), paymentsFen: num(r.paid) });
        m.paymentsFen += num(r.paid);
      });
      await each('surveys', (m, r) => {
        Object.assign(slice(m, r.v as Verification), { satisfactionSum: num(r.total), satisfactionCount: num(r.n) });
        m.satisfactionSum += num(r.total);
        m.satisfactionCount += num(r.n);
      });
      await each('complaints', (m, r) => {
        Object.assign(slice(m, r.v as Verification), { complaints: num(r.n), complaintsRespondedIn24h: num(r.quick), complaintsUnresolved: num(r.open) });
        m.complaints += num(r.n);
        m.complaintsRespondedIn24h += num(r.quick);
        m.complaintsUnresolved += num(r.open);
      });
      await each('training', (m, r) => {
        Object.assign(slice(m, r.v as Verification), { trainings: num(r.n), trainingMinutes: num(r.minutes) });
        m.trainingMinutes += num(r.minutes);
      });
      await each('newCustomers', (m, r) => {
        const n = num(r.n);
        m.newCustomers += n;
        if (typeof r.salesChannel === 'string') m.newCustomersBySalesChannel = { ...m.newCustomersBySalesChannel, [r.salesChannel]: (m.newCustomersBySalesChannel[r.salesChannel] ?? 0) + n };
      });

      // Completeness by the one definition (src/domain/records/completeness.ts), as the chat and H5 show it.
      if (only) return byUser;
      for (const [rep, { complete, total }] of await counts.countsCreatedIn(period, await completeness.requiredFields(), single)) {
        if (total === 0) continue;
        const m = byUser.get(rep) ?? emptyMeasures();
        byUser.set(rep, m);
        m.completenessFilled = complete;
        m.completenessRequired = total;
      }
      return byUser;
    },
  };
}

/** The same queries, each async behind the connection lock (see asyncRepository). */
export function createKpiMeasuresRepository(db: Db) {
  return asyncRepository(db, kpiMeasuresQueries(db));
}

export type KpiMeasuresRepository = ReturnType<typeof createKpiMeasuresRepository>;
