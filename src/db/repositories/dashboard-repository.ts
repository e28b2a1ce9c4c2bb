import { asyncRepository, type Db } from '../client.js';
import { creditedOwnerSql } from './customer-owner-repository.js';
import type { DataScope } from '../../domain/org/acting-user.js';
import { OPEN_DEAL_STAGES, type DealStage } from '../../domain/records/vocabulary.js';

/**
 * Read models for the H5 dashboards and lists, always narrowed to a data scope (whose records the
 * caller may see). Dates are business dates, half-open [from, to).
 */

export interface DateRange {
  from: string;
  to: string;
}

/** `col IN (ids)` for a users scope; the ids are integers from our own tables, never user text. */
export function scopeSql(column: string, scope: DataScope): string {
  if (scope.kind === 'all') return '1 = 1';
  const ids = [...scope.userIds].filter((id) => Number.isInteger(id));
  return ids.length === 0 ? '0 = 1' : `${column} IN (${ids.join(',')})`;
}

const LIST_LIMIT = 200;

export interface VisitListItem {
  id: number;
  visitDate: string;
  kind: string;
  notes: string | null;
  nextStep: string | null;
  customerId: number;
  customerName: string;
  salesChannelName: string | null;
  repUserId: number;
  repName: string;
}

export interface CustomerListItem {
  id: number;
  name: string;
  salesChannelId: number | null;
  salesChannelName: string | null;
  region: string | null;
  industry: string | null;
  tags: string[];
  ownerUserId: number;
  ownerName: string;
  lastVisitDate: string | null;
}

export interface DealListItem {
  id: number;
  title: string | null;
  amountFen: number;
  stage: DealStage;
  expectedCloseDate: string | null;
  wonOn: string | null;
  customerId: number;
  customerName: string;
  salesChannelName: string | null;
  repUserId: number;
  repName: string;
}

export function createDashboardRepository(db: Db) {
  const sqlite = db.$client;
  const count = (sql: string, params: unknown[]): number => (sqlite.prepare(sql).get(...params) as { n: number | null }).n ?? 0;

  return asyncRepository(db, {
    /** Visits, won revenue (by won date) and payments (by paid date) per range. */
    trend(scope: DataScope, ranges: DateRange[]): { visits: number; wonFen: number; paidFen: number }[] {
      return ranges.map(({ from, to }) => ({
        visits: count(`SELECT count(*) AS n FROM visits WHERE visit_date >= ? AND visit_date < ? AND ${scopeSql('rep_user_id', scope)}`, [from, to]),
        wonFen: count(`SELECT sum(amount_fen) AS n FROM deals WHERE stage = 'won' AND won_on >= ? AND won_on < ? AND ${scopeSql('rep_user_id', scope)}`, [from, to]),
        paidFen: count(`SELECT sum(amount_fen) AS n FROM payments WHERE paid_on >= ? AND paid_on < ? AND ${scopeSql('rep_user_id', scope)}`, [from, to]),
      }));
    },

    /**
     * Per sales channel over a range: visits (by the customer's channel), new customers (created in
     * the range, epoch bounds), deals won and lost (by the deal's channel) and won revenue.
     */
    salesChannelBreakdown(scope: DataScope, range: DateRange, createdBetween: { start: number; end: number }) {
      const salesChannels = sqlite.prepare('SELECT id, name FROM sales_channels ORDER BY sort_order, id').all() as { id: number; name: string }[];
      const bySalesChannel = <T>(sql: string, params: unknown[]) => new Map((sqlite.prepare(sql).all(...params) as (T & { sales_channel_id: number | null })[]).map((r) => [r.sales_channel_id, r]));
      const visits = bySalesChannel<{ n: number }>(
        `SELECT c.sales_channel_id, count(*) AS n FROM visits v JOIN customers c ON c.id = v.customer_id
          WHERE v.visit_date >= ? AND v.visit_date < ? AND ${scopeSql('v.rep_user_id', scope)} GROUP BY c.sales_channel_id`,
        [range.from, range.to],
      );
      const created = bySalesChannel<{ n: number }>(
        // Credited to the rep who made the customer, as the KPI engine does: a handover does not move it.
        `SELECT sales_channel_id, count(*) AS n FROM customers c WHERE created_at >= ? AND created_at < ? AND ${scopeSql(creditedOwnerSql('c'), scope)} GROUP BY sales_channel_id`,
        [createdBetween.start, createdBetween.end],
      );
      const closed = bySalesChannel<{ won: number; lost: number; won_fen: number }>(
        `SELECT sales_channel_id,
                sum(CASE WHEN stage = 'won' AND won_on >= @from AND won_on < @to THEN 1 ELSE 0 END) AS won,
                sum(CASE WHEN stage = 'lost' AND lost_on >= @from AND lost_on < @to THEN 1 ELSE 0 END) AS lost,
                sum(CASE WHEN stage = 'won' AND won_on >= @from AND won_on < @to THEN amount_fen ELSE 0 END) AS won_fen
           FROM deals WHERE ${scopeSql('rep_user_id', scope)} GROUP BY sales_channel_id`,
        [{ from: range.from, to: range.to }],
      );
      const rows = [...salesChannels.map((c) => ({ salesChannelId: c.id as number | null, salesChannelName: c.name as string | null })), { salesChannelId: null, salesChannelName: null }];
      return rows
        .map(({ salesChannelId, salesChannelName }) => {
          const won = closed.get(salesChannelId)?.won ?? 0;
          const lost = closed.get(salesChannelId)?.lost ?? 0;
          return {
            salesChannelId,
            salesChannelName,
            visits: visits.get(salesChannelId)?.n ?? 0,
            newCustomers: created.get(salesChannelId)?.n ?? 0,
            wonDeals: won,
            lostDeals: lost,
            wonFen: closed.get(salesChannelId)?.won_fen ?? 0,
            /** Won ÷ (won + lost) among deals closed in the range; null when none closed. */
            conversion: won + lost === 0 ? null : won / (won + lost),
          };
        })
        .filter((r) => r.salesChannelId !== null || r.visits + r.newCustomers + r.wonDeals + r.lostDeals > 0);
    },

    /** Open deals per stage (count and amount) now, plus what was won and lost in the range. */
    funnel(scope: DataScope, range: DateRange): { stage: DealStage; deals: number; amountFen: number }[] {
      const open = sqlite
        .prepare(`SELECT stage, count(*) AS deals, coalesce(sum(amount_fen), 0) AS amount_fen FROM deals WHERE stage IN ('lead','qualified','proposal','negotiation') AND ${scopeSql('rep_user_id', scope)} GROUP BY stage`)
        .all() as { stage: DealStage; deals: number; amount_fen: number }[];
      const closedIn = (stage: 'won' | 'lost', column: string) =>
        sqlite.prepare(`SELECT count(*) AS deals, coalesce(sum(amount_fen), 0) AS amount_fen FROM deals WHERE stage = ? AND ${column} >= ? AND ${column} < ? AND ${scopeSql('rep_user_id', scope)}`).get(stage, range.from, range.to) as {
          deals: number;
          amount_fen: number;
        };
      const stages = OPEN_DEAL_STAGES.map((stage) => {
        const row = open.find((r) => r.stage === stage);
        return { stage, deals: row?.deals ?? 0, amountFen: row?.amount_fen ?? 0 };
      });
      const won = closedIn('won', 'won_on');
      const lost = closedIn('lost', 'lost_on');
      return [...stages, { stage: 'won', deals: won.deals, amountFen: won.amount_fen }, { stage: 'lost', deals: lost.deals, amountFen: lost.amount_fen }];
    },

    listVisits(scope: DataScope, filter: { q?: string | undefined; salesChannelId?: number | undefined; repUserId?: number | undefined }): VisitListItem[] {
      const where = [scopeSql('v.rep_user_id', scope)];
      const params: unknown[] = [];
      if (filter.q) {
        where.push(`(c.name LIKE ? ESCAPE '\\' OR v.notes LIKE ? ESCAPE '\\')`);
        params.push(like(filter.q), like(filter.q));
      }
      if (filter.salesChannelId !== undefined) {
        where.push('c.sales_channel_id = ?');
        params.push(filter.salesChannelId);
      }
      if (filter.repUserId !== undefined) {
        where.push('v.rep_user_id = ?');
        params.push(filter.repUserId);
      }
      return sqlite
        .prepare(
          `SELECT v.id, v.visit_date AS visitDate, v.kind, v.notes, v.next_step AS nextStep, v.customer_id AS customerId, c.name AS customerName,
                  ch.name AS salesChannelName, v.rep_user_id AS repUserId, u.name AS repName
             FROM visits v JOIN customers c ON c.id = v.customer_id JOIN users u ON u.id = v.rep_user_id LEFT JOIN sales_channels ch ON ch.id = c.sales_channel_id
            WHERE ${where.join(' AND ')} ORDER BY v.visit_date DESC, v.id DESC LIMIT ${LIST_LIMIT}`,
        )
        .all(...params) as VisitListItem[];
    },

    listCustomers(scope: DataScope, filter: { q?: string | undefined; salesChannelId?: number | undefined; tag?: string | undefined }): CustomerListItem[] {
      const where = [scopeSql('c.owner_user_id', scope)];
      const params: unknown[] = [];
      if (filter.q) {
        where.push(`(c.name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM customer_aliases a WHERE a.customer_id = c.id AND a.alias LIKE ? ESCAPE '\\'))`);
        params.push(like(filter.q), like(filter.q));
      }
      if (filter.salesChannelId !== undefined) {
        where.push('c.sales_channel_id = ?');
        params.push(filter.salesChannelId);
      }
      if (filter.tag) {
        where.push('EXISTS (SELECT 1 FROM json_each(c.tags) t WHERE t.value = ?)');
        params.push(filter.tag);
      }
      const rows = sqlite
        .prepare(
          `SELECT c.id, c.name, c.sales_channel_id AS salesChannelId, ch.name AS salesChannelName, c.region, c.industry, c.tags, c.owner_user_id AS ownerUserId, u.name AS ownerName,
                  (SELECT max(visit_date) FROM visits v WHERE v.customer_id = c.id) AS lastVisitDate
             FROM customers c JOIN users u ON u.id = c.owner_user_id LEFT JOIN sales_channels ch ON ch.id = c.sales_channel_id
            WHERE ${where.join(' AND ')} ORDER BY c.updated_at DESC, c.id DESC LIMIT ${LIST_LIMIT}`,
        )
        .all(...params) as (Omit<CustomerListItem, 'tags'> & { tags: string })[];
      return rows.map((r) => ({ ...r, tags: JSON.parse(r.tags) as string[] }));
    },

    listDeals(scope: DataScope, filter: { q?: string | undefined; salesChannelId?: number | undefined; stage?: DealStage | undefined }): DealListItem[] {
      const where = [scopeSql('d.rep_user_id', scope)];
      const params: unknown[] = [];
      if (filter.q) {
        where.push(`(c.name LIKE ? ESCAPE '\\' OR d.title LIKE ? ESCAPE '\\')`);
        params.push(like(filter.q), like(filter.q));
      }
      if (filter.salesChannelId !== undefined) {
        where.push('d.sales_channel_id = ?');
        params.push(filter.salesChannelId);
      }
      if (filter.stage) {
        where.push('d.stage = ?');
        params.push(filter.stage);
      }
      return sqlite
        .prepare(
          `SELECT d.id, d.title, d.amount_fen AS amountFen, d.stage, d.expected_close_date AS expectedCloseDate, d.won_on AS wonOn, d.customer_id AS customerId,
                  c.name AS customerName, ch.name AS salesChannelName, d.rep_user_id AS repUserId, u.name AS repName
             FROM deals d JOIN customers c ON c.id = d.customer_id JOIN users u ON u.id = d.rep_user_id LEFT JOIN sales_channels ch ON ch.id = d.sales_channel_id
            WHERE ${where.join(' AND ')} ORDER BY d.updated_at DESC, d.id DESC LIMIT ${LIST_LIMIT}`,
        )
        .all(...params) as DealListItem[];
    },
  });
}

/** A LIKE pattern matching the text anywhere, with % and _ taken literally. */
function like(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type DashboardRepository = ReturnType<typeof createDashboardRepository>;
