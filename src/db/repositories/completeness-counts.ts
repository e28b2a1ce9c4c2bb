import { getTableColumns } from 'drizzle-orm';
import type { Db } from '../client.js';
import { contacts, customers, deals } from '../schema/index.js';
import { COMPLETENESS_ENTITIES, missingFields, REQUIRABLE_FIELDS, type CompletenessEntity } from '../../domain/records/completeness.js';

/**
 * Completeness counts per rep (complete / checked records created in [start, end)) for the KPI engine,
 * which scores every rep: the same definition as recordsCreatedIn + repCompleteness (missingFields
 * decides), but each entity is read by a range on created_at, only the required columns, as arrays.
 * Building full drizzle rows and labels for a month of records cost the engine most of its time.
 */
const TABLES = { customer: customers, contact: contacts, deal: deals } as const;

function columnOf(entity: CompletenessEntity, property: string): string {
  const columns = getTableColumns(TABLES[entity]) as Record<string, { name: string }>;
  const name = `t.${(columns[property] as { name: string }).name}`;
  // A closed deal's won/lost date stands in for its expected close date (as recordsCreatedIn does).
  return entity === 'deal' && property === 'expectedCloseDate' ? `COALESCE(${name}, t.won_on, t.lost_on)` : name;
}

const FROM: Record<CompletenessEntity, { rep: string; from: string }> = {
  customer: { rep: 't.owner_user_id', from: 'customers t' },
  contact: { rep: 'o.owner_user_id', from: 'contacts t JOIN customers o ON o.id = t.customer_id' },
  deal: { rep: 't.rep_user_id', from: 'deals t' },
};

export function completenessCounts(db: Db) {
  const statements = new Map<string, ReturnType<Db['$client']['prepare']>>();
  const prepared = (sql: string) => statements.get(sql) ?? statements.set(sql, db.$client.prepare(sql).raw(true)).get(sql)!;
  return {
    countsCreatedIn(period: { start: number; end: number }, required: Record<CompletenessEntity, string[]>, userId?: number): Map<number, { complete: number; total: number }> {
      const byRep = new Map<number, { complete: number; total: number }>();
      for (const entity of COMPLETENESS_ENTITIES) {
        const properties = [...new Set(required[entity])].map((field) => REQUIRABLE_FIELDS[entity][field]).filter((p): p is string => p !== undefined);
        if (required[entity].length === 0) continue;
        const { rep, from } = FROM[entity];
        const select = [rep, ...properties.map((p) => columnOf(entity, p))].join(', ');
        const sql = `SELECT ${select} FROM ${from} WHERE t.created_at >= ? AND t.created_at < ? AND ${rep} ${userId === undefined ? 'IS NOT NULL' : '= ?'}`;
        const args = userId === undefined ? [period.start, period.end] : [period.start, period.end, userId];
        for (const row of prepared(sql).all(...args) as unknown[][]) {
          const values: Record<string, unknown> = {};
          properties.forEach((p, i) => (values[p] = p === 'tags' && typeof row[i + 1] === 'string' ? JSON.parse(row[i + 1] as string) : row[i + 1]));
          const counts = byRep.get(row[0] as number) ?? byRep.set(row[0] as number, { complete: 0, total: 0 }).get(row[0] as number)!;
          counts.total += 1;
          if (missingFields(entity, values, required[entity]).length === 0) counts.complete += 1;
        }
      }
      return byRep;
    },
  };
}
