import type { Verification } from '../records/vocabulary.js';

/**
 * What the records say about one rep in one period, as raw sums and counts (numerators and
 * denominators). Indicators are computed from these, so a ratio over a month is a ratio of the
 * month's sums, never an average of daily ratios. Money is integer fen; time is whole minutes.
 * Each field is filled by one SQL aggregate over the period's business dates (see kpi-measures).
 */
export interface RepMeasures {
  /** Visits with a visit date in the period. */
  visits: number;
  /** Distinct customers among those visits. */
  customersVisited: number;
  /** Customers the rep created (first registered) in the period. */
  newCustomers: number;
  /** The same new customers by acquisition channel key. */
  newCustomersBySalesChannel: Readonly<Record<string, number>>;
  /** Opportunities (deals) created in the period, whatever their outcome. */
  opportunitiesCreated: number;
  /** Deals won / lost with a won / lost date in the period. */
  dealsWon: number;
  dealsLost: number;
  /** Sum of the amounts of deals won in the period (fen). */
  revenueWonFen: number;
  /** Sum of payments received in the period (fen). */
  paymentsFen: number;
  /** Sum and count of customer satisfaction scores received in the period. */
  satisfactionSum: number;
  satisfactionCount: number;
  /** Complaints received in the period; how many got a first response within 24 h; how many are still open. */
  complaints: number;
  complaintsRespondedIn24h: number;
  complaintsUnresolved: number;
  /** Training attended in the period (minutes). */
  trainingMinutes: number;
  /** Complete records / checked records, by the one definition in domain/records/completeness.ts. */
  completenessFilled: number;
  completenessRequired: number;
  /**
   * The verification-aware sums split by how each record was verified (issue 17): the fields above are
   * the totals over every verification; a template line's verification rule re-adds these slices.
   */
  byVerification: Readonly<Partial<Record<Verification, VerifiedMeasures>>>;
}

/** One verification's share of the sums a verification rule can filter, with record counts. */
export interface VerifiedMeasures {
  visits: number;
  payments: number;
  paymentsFen: number;
  satisfactionSum: number;
  satisfactionCount: number;
  complaints: number;
  complaintsRespondedIn24h: number;
  complaintsUnresolved: number;
  trainings: number;
  trainingMinutes: number;
}

export function emptyVerifiedMeasures(): VerifiedMeasures {
  return { visits: 0, payments: 0, paymentsFen: 0, satisfactionSum: 0, satisfactionCount: 0, complaints: 0, complaintsRespondedIn24h: 0, complaintsUnresolved: 0, trainings: 0, trainingMinutes: 0 };
}

export function emptyMeasures(): RepMeasures {
  return {
    visits: 0,
    customersVisited: 0,
    newCustomers: 0,
    newCustomersBySalesChannel: {},
    opportunitiesCreated: 0,
    dealsWon: 0,
    dealsLost: 0,
    revenueWonFen: 0,
    paymentsFen: 0,
    satisfactionSum: 0,
    satisfactionCount: 0,
    complaints: 0,
    complaintsRespondedIn24h: 0,
    complaintsUnresolved: 0,
    trainingMinutes: 0,
    completenessFilled: 0,
    completenessRequired: 0,
    byVerification: {},
  };
}

/** Adds two reps' (or two sub-periods') measures: how team and department totals are formed. */
export function addMeasures(a: RepMeasures, b: RepMeasures): RepMeasures {
  const bySalesChannel: Record<string, number> = { ...a.newCustomersBySalesChannel };
  for (const [salesChannel, count] of Object.entries(b.newCustomersBySalesChannel)) bySalesChannel[salesChannel] = (bySalesChannel[salesChannel] ?? 0) + count;
  const out = emptyMeasures();
  for (const key of Object.keys(out) as (keyof RepMeasures)[]) {
    if (key === 'newCustomersBySalesChannel' || key === 'byVerification') continue;
    out[key] = a[key] + b[key];
  }
  out.newCustomersBySalesChannel = bySalesChannel;
  out.byVerification = addSlices(a.byVerification, b.byVerification);
  return out;
}

function addSlices(a: RepMeasures['byVerification'], b: RepMeasures['byVerification']): RepMeasures['byVerification'] {
  const out: Partial<Record<Verification, VerifiedMeasures>> = {};
  for (const v of new Set([...Object.keys(a), ...Object.keys(b)] as Verification[])) {
    const x = a[v] ?? emptyVerifiedMeasures();
    const y = b[v] ?? emptyVerifiedMeasures();
    const sum = emptyVerifiedMeasures();
    for (const key of Object.keys(sum) as (keyof VerifiedMeasures)[]) sum[key] = x[key] + y[key];
    out[v] = sum;
  }
  return out;
}
