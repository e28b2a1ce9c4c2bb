import { sql, type SQL } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { dialectSql, queryRows } from '../dialect.js';
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

/** scopeSql as a drizzle fragment. */
const scopeOf = (column: string, scope: DataScope): SQL => sql.raw(scopeSql(column, scope));

const LIST_LIMIT = 200;

/** An aggregate as a number: PostgreSQL returns SUM over bigint fen as numeric (a string); no rows sum to null. */
const num = (value: unknown): number => Number(value ?? 0);

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
  const one = async (query: SQL): Promise<number> => num((await queryRows<{ n: unknown }>(db, query))[0]?.n);
  // SQLite's LIKE ignores ASCII case; PostgreSQL's does not.
  const likeOp = dialectSql(db, { sqlite: sql`LIKE`, pg: sql`ILIKE` });
  const matches = (column: string, text: string): SQL => sql`${sql.raw(column)} ${likeOp} ${like(text)} ESCAPE '\\'`;

  return asyncRepository(db, {
    /** Visits, won revenue (by won date) and payments (by paid date) per range. */
    async trend(scope: DataScope, ranges: DateRange[]): Promise<{ visits: number; wonFen: number; paidFen: number }[]> {
      const out: { visits: number; wonFen: number; paidFen: number }[] = [];
      for (const { from, to } of ranges) {
        out.push({
          visits: await one(sql`SELECT count(*) AS n FROM visits WHERE visit_date >= ${from} AND visit_date < ${to} AND ${scopeOf('rep_user_id', scope)}`),
          wonFen: await one(sql`SELECT sum(amount_fen) AS n FROM deals WHERE stage = 'won' AND won_on >= ${from} AND won_on < ${to} AND ${scopeOf('rep_user_id', scope)}`),
          paidFen: await one(sql`SELECT sum(amount_fen) AS n FROM payments WHERE paid_on >= ${from} AND paid_on < ${to} AND ${scopeOf('rep_user_id', scope)}`),
        });
      }
      return out;
    },

    /**
     * Per sales channel over a range: visits (by the customer's channel), new customers (created in
     * the range, epoch bounds), deals won and lost (by the deal's channel) and won revenue.
     */
    async salesChannelBreakdown(scope: DataScope, range: DateRange, createdBetween: { start: number; end: number }) {
      const salesChannels = await queryRows<{ id: number; name: string }>(db, sql`SELECT id, name FROM sales_channels ORDER BY sort_order, id`);
      const bySalesChannel = async (query: SQL) => new Map((await queryRows<{ sales_channel_id: number | null } & Record<string, unknown>>(db, query)).map((r) => [r.sales_channel_id, r]));
      const visits = await bySalesChannel(
        sql`SELECT c.sales_channel_id, count(*) AS n FROM visits v JOIN customers c ON c.id = v.customer_id
             WHERE v.visit_date >= ${range.from} AND v.visit_date < ${range.to} AND ${scopeOf('v.rep_user_id', scope)} GROUP BY c.sales_channel_id`,
      );
      const created = await bySalesChannel(
        // Credited to the rep who made the customer, as the KPI engine does: a handover does not move it.
        sql`SELECT sales_channel_id, count(*) AS n FROM customers c WHERE created_at >= ${createdBetween.start} AND created_at < ${createdBetween.end} AND ${scopeOf(creditedOwnerSql('c'), scope)} GROUP BY sales_channel_id`,
      );
      const closed = await bySalesChannel(
        sql`SELECT sales_channel_id,
                   sum(CASE WHEN stage = 'won' AND won_on >= ${range.from} AND won_on < ${range.to} THEN 1 ELSE 0 END) AS won,
                   sum(CASE WHEN stage = 'lost' AND lost_on >= ${range.from} AND lost_on < ${range.to} THEN 1 ELSE 0 END) AS lost,
                   sum(CASE WHEN stage = 'won' AND won_on >= ${range.from} AND won_on < ${range.to} THEN amount_fen ELSE 0 END) AS won_fen
              FROM deals WHERE ${scopeOf('rep_user_id', scope)} GROUP BY sales_channel_id`,
      );
      const rows = [...salesChannels.map((c) => ({ salesChannelId: c.id as number | null, salesChannelName: c.name as string | null })), { salesChannelId: null, salesChannelName: null }];
      return rows
        .map(({ salesChannelId, salesChannelName }) => {
          const won = num(closed.get(salesChannelId)?.won);
          const lost = num(closed.get(salesChannelId)?.lost);
          return {
            salesChannelId,
            salesChannelName,
            visits: num(visits.get(salesChannelId)?.n),
            newCustomers: num(created.get(salesChannelId)?.n),
            wonDeals: won,
            lostDeals: lost,
            wonFen: num(closed.get(salesChannelId)?.won_fen),
            /** Won ÷ (won + lost) among deals closed in the range; null when none closed. */
            conversion: won + lost === 0 ? null : won / (won + lost),
          };
        })
        .filter((r) => r.salesChannelId !== null || r.visits + r.newCustomers + r.wonDeals + r.lostDeals > 0);
    },

    /** Open deals per stage (count and amount) now, plus what was won and lost in the range. */
    async funnel(scope: DataScope, range: DateRange): Promise<{ stage: DealStage; deals: number; amountFen: number }[]> {
      const open = await queryRows<{ stage: DealStage; deals: unknown; amount_fen: unknown }>(
        db,
        sql`SELECT stage, count(*) AS deals, coalesce(sum(amount_fen), 0) AS amount_fen FROM deals WHERE stage IN ('lead','qualified','proposal','negotiation') AND ${scopeOf('rep_user_id', scope)} GROUP BY stage`,
      );
      const closedIn = async (stage: 'won' | 'lost', column: 'won_on' | 'lost_on') => {
        const [row] = await queryRows<{ deals: unknown; amount_fen: unknown }>(
          db,
          sql`SELECT count(*) AS deals, coalesce(sum(amount_fen), 0) AS amount_fen FROM deals WHERE stage = ${stage} AND ${sql.raw(column)} >= ${range.from} AND ${sql.raw(column)} < ${range.to} AND ${scopeOf('rep_user_id', scope)}`,
        );
        return { deals: num(row?.deals), amountFen: num(row?.amount_fen) };
      };
      const stages = OPEN_DEAL_STAGES.map((stage) => {
        const row = open.find((r) => r.stage === stage);
        return { stage, deals: num(row?.deals), amountFen: num(row?.amount_fen) };
      });
      const won = await closedIn('won', 'won_on');
      const lost = await closedIn('lost', 'lost_on');
      return [...stages, { stage: 'won', ...won }, { stage: 'lost', ...lost }];
    },

    // The lists' camelCase aliases are quoted: PostgreSQL folds unquoted names to lower case.
    async listVisits(scope: DataScope, filter: { q?: string | undefined; salesChannelId?: number | undefined; repUserId?: number | undefined }): Promise<VisitListItem[]> {
      const where = [scopeOf('v.rep_user_id', scope)];
      if (filter.q) where.push(sql`(${matches('c.name', filter.q)} OR ${matches('v.notes', filter.q)})`);
      if (filter.salesChannelId !== undefined) where.push(sql`c.sales_channel_id = ${filter.salesChannelId}`);
      if (filter.repUserId !== undefined) where.push(sql`v.rep_user_id = ${filter.repUserId}`);
      return await queryRows<VisitListItem>(
        db,
        sql`SELECT v.id, v.visit_date AS "visitDate", v.kind, v.notes, v.next_step AS "nextStep", v.customer_id AS "customerId", c.name AS "customerName",
                   ch.name AS "salesChannelName", v.rep_user_id AS "repUserId", u.name AS "repName"
              FROM visits v JOIN customers c ON c.id = v.customer_id JOIN users u ON u.id = v.rep_user_id LEFT JOIN sales_channels ch ON ch.id = c.sales_channel_id
             WHERE ${sql.join(where, sql` AND `)} ORDER BY v.visit_date DESC, v.id DESC LIMIT ${sql.raw(String(LIST_LIMIT))}`,
      );
    },

    async listCustomers(scope: DataScope, filter: { q?: string | undefined; salesChannelId?: number | undefined; tag?: string | undefined }): Promise<CustomerListItem[]> {
      const where = [scopeOf('c.owner_user_id', scope)];
      if (filter.q) where.push(sql`(${matches('c.name', filter.q)} OR EXISTS (SELECT 1 FROM customer_aliases a WHERE a.customer_id = c.id AND ${matches('a.alias', filter.q)}))`);
      if (filter.salesChannelId !== undefined) where.push(sql`c.sales_channel_id = ${filter.salesChannelId}`);
      if (filter.tag) {
        where.push(
          dialectSql(db, {
            sqlite: sql`EXISTS (SELECT 1 FROM json_each(c.tags) t WHERE t.value = ${filter.tag})`,
            pg: sql`EXISTS (SELECT 1 FROM jsonb_array_elements_text(c.tags) AS t(value) WHERE t.value = ${filter.tag})`,
          }),
        );
      }
      const rows = await queryRows<Omit<CustomerListItem, 'tags'> & { tags: string | string[] }>(
        db,
        sql`SELECT c.id, c.name, c.sales_channel_id AS "salesChannelId", ch.name AS "salesChannelName", c.region, c.industry, c.tags, c.owner_user_id AS "ownerUserId", u.name AS "ownerName",
                   (SELECT max(visit_date) FROM visits v WHERE v.customer_id = c.id) AS "lastVisitDate"
              FROM customers c JOIN users u ON u.id = c.owner_user_id LEFT JOIN sales_channels ch ON ch.id = c.sales_channel_id
             WHERE ${sql.join(where, sql` AND `)} ORDER BY c.updated_at DESC, c.id DESC LIMIT ${sql.raw(String(LIST_LIMIT))}`,
      );
      // SQLite hands JSON text back; PostgreSQL's jsonb arrives parsed.
      return rows.map((r) => ({ ...r, tags: typeof r.tags === 'string' ? (JSON.parse(r.tags) as string[]) : r.tags }));
    },

    async listDeals(scope: DataScope, filter: { q?: string | undefined; salesChannelId?: number | undefined; stage?: DealStage | undefined }): Promise<DealListItem[]> {
      const where = [scopeOf('d.rep_user_id', scope)];
      if (filter.q) where.push(sql`(${matches('c.name', filter.q)} OR ${matches('d.title', filter.q)})`);
      if (filter.salesChannelId !== undefined) where.push(sql`d.sales_channel_id = ${filter.salesChannelId}`);
      if (filter.stage) where.push(sql`d.stage = ${filter.stage}`);
      return await queryRows<DealListItem>(
        db,
        sql`SELECT d.id, d.title, d.amount_fen AS "amountFen", d.stage, d.expected_close_date AS "expectedCloseDate", d.won_on AS "wonOn", d.customer_id AS "customerId",
                   c.name AS "customerName", ch.name AS "salesChannelName", d.rep_user_id AS "repUserId", u.name AS "repName"
              FROM deals d JOIN customers c ON c.id = d.customer_id JOIN users u ON u.id = d.rep_user_id LEFT JOIN sales_channels ch ON ch.id = d.sales_channel_id
             WHERE ${sql.join(where, sql` AND `)} ORDER BY d.updated_at DESC, d.id DESC LIMIT ${sql.raw(String(LIST_LIMIT))}`,
      );
    },
  });
}

/** A LIKE pattern matching the text anywhere, with % and _ taken literally. */
function like(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type DashboardRepository = ReturnType<typeof createDashboardRepository>;
