import type { Db } from '../client.js';
import { isPg, namedSql, queryRows } from '../dialect.js';
import { emptyVerifiedMeasures, type RepMeasures, type VerifiedMeasures } from '../../domain/kpi/measures.js';
import { VERIFICATIONS, type Verification } from '../../domain/records/vocabulary.js';

/**
 * The visit measures of a period: visits, distinct customers visited and the verification slices.
 *
 * The owner's visits are read rep by rep, each a range on the period's visit dates through the covering
 * (rep_user_id, visit_date, customer_id, verification) index: the rows come grouped by rep, so the
 * period's visits are never sorted (on a busy month the sort was most of the statement). A joint visit
 * (协访) also counts for each participant: those rows are read by the visits' date range and added here,
 * with the participant's own visits re-read for the distinct customers of the two arms together.
 */

type Row = Record<string, number | string | null>;
type RepFilter = (column: string) => string;
type Params = { startDate: string; endDate: string; userId?: number };

/** Sorted, as a GROUP BY verification returned them (the slices keep that key order). */
const SORTED_VERIFICATIONS = [...VERIFICATIONS].sort();

const SQL = {
  owners: (rep: RepFilter) => `SELECT r.id AS u, COUNT(*) AS visits, COUNT(DISTINCT v.customer_id) AS customers,
             ${SORTED_VERIFICATIONS.map((v) => `SUM(v.verification = '${v}') AS "${v}"`).join(', ')}
           FROM users r CROSS JOIN visits v ON v.rep_user_id = r.id AND v.visit_date >= @startDate AND v.visit_date < @endDate
           WHERE ${rep('r.id')} 1 = 1 GROUP BY r.id`,
  participants: (rep: RepFilter) => `SELECT p.user_id AS u, v.customer_id AS customer, v.verification AS v
           FROM visits v JOIN visit_participants p ON p.visit_id = v.id AND p.user_id <> v.rep_user_id
           WHERE ${rep('p.user_id')} v.visit_date >= @startDate AND v.visit_date < @endDate`,
};

/* PostgreSQL: a plain JOIN (CROSS JOIN … ON, SQLite's fixed join order, is not pg syntax) and a count per
 * verification (a boolean does not sum); COUNT is int8, which the pool reads as a number. */
const PG_OWNERS = (rep: RepFilter) => `SELECT r.id AS u, COUNT(*) AS visits, COUNT(DISTINCT v.customer_id) AS customers,
             ${SORTED_VERIFICATIONS.map((v) => `COUNT(*) FILTER (WHERE v.verification = '${v}') AS "${v}"`).join(', ')}
           FROM users r JOIN visits v ON v.rep_user_id = r.id AND v.visit_date >= @startDate AND v.visit_date < @endDate
           WHERE ${rep('r.id')} 1 = 1 GROUP BY r.id`;

const OWN_CUSTOMERS_SQL = 'SELECT DISTINCT customer_id AS customer FROM visits WHERE rep_user_id = @userId AND visit_date >= @startDate AND visit_date < @endDate';

interface VisitStatements {
  owners(params: Params): Row[] | Promise<Row[]>;
  participants(params: Params): Row[] | Promise<Row[]>;
  ownCustomers(params: Params & { userId: number }): number[] | Promise<number[]>;
}

/** SQLite: better-sqlite3 statements prepared once (the KPI engine's hot path). */
function sqliteStatements(db: Db, rep: RepFilter): VisitStatements {
  const owners = db.$client.prepare(SQL.owners(rep));
  const participants = db.$client.prepare(SQL.participants(rep));
  const ownCustomers = db.$client.prepare(OWN_CUSTOMERS_SQL).pluck();
  return {
    owners: (params) => owners.all(params) as Row[],
    participants: (params) => participants.all(params) as Row[],
    ownCustomers: (params) => ownCustomers.all(params) as number[],
  };
}

function pgStatements(db: Db, rep: RepFilter): VisitStatements {
  const owners = PG_OWNERS(rep);
  const participants = SQL.participants(rep);
  return {
    owners: (params) => queryRows<Row>(db, namedSql(owners, params)),
    participants: (params) => queryRows<Row>(db, namedSql(participants, params)),
    ownCustomers: async (params) => (await queryRows<{ customer: number }>(db, namedSql(OWN_CUSTOMERS_SQL, params))).map((r) => r.customer),
  };
}

export function visitMeasuresQueries(db: Db, rep: RepFilter) {
  const statements = isPg(db) ? pgStatements(db, rep) : sqliteStatements(db, rep);

  /** Adds the period's visit measures to each user's measures (`of` creates them on first use). */
  return async (params: Params, of: (userId: number) => RepMeasures): Promise<void> => {
    const slice = (m: RepMeasures, v: Verification): VerifiedMeasures => ((m.byVerification as Partial<Record<Verification, VerifiedMeasures>>)[v] ??= emptyVerifiedMeasures());
    for (const row of await statements.owners(params)) {
      const m = of(row.u as number);
      m.visits = row.visits as number;
      m.customersVisited = row.customers as number;
      // A slice only where the verification has visits, as a GROUP BY verification would give.
      for (const v of SORTED_VERIFICATIONS) if ((row[v] as number) > 0) slice(m, v).visits = row[v] as number;
    }
    const joint = await statements.participants(params);
    if (joint.length === 0) return;
    const customers = new Map<number, Set<number>>();
    for (const row of joint) {
      const u = row.u as number;
      let seen = customers.get(u);
      if (!seen) customers.set(u, (seen = new Set(await statements.ownCustomers({ startDate: params.startDate, endDate: params.endDate, userId: u }))));
      seen.add(row.customer as number);
      const m = of(u);
      m.visits += 1;
      slice(m, row.v as Verification).visits += 1;
    }
    for (const [u, seen] of customers) {
      const m = of(u);
      m.customersVisited = seen.size;
      const slices = m.byVerification as Partial<Record<Verification, VerifiedMeasures>>;
      m.byVerification = Object.fromEntries(SORTED_VERIFICATIONS.filter((v) => slices[v]).map((v) => [v, slices[v]]));
    }
  };
}
