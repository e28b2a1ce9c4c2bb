import { getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { isPg, queryRows } from '../dialect.js';
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

/** SQLite: each statement prepared once, rows as arrays. PostgreSQL: the same SELECT, its columns named c0… and read back in order. */
function rowReader(db: Db): (select: string[], rest: string, args: number[]) => unknown[][] | Promise<unknown[][]> {
  if (isPg(db)) {
    return async (select, rest, args) => {
      const text = `SELECT ${select.map((column, i) => `${column} AS c${i}`).join(', ')} ${rest}`;
      const query = sql.join(text.split('?').map((part, i) => (i === 0 ? sql.raw(part) : sql`${args[i - 1]}${sql.raw(part)}`)));
      return (await queryRows<Record<string, unknown>>(db, query)).map((row) => select.map((_, i) => row[`c${i}`]));
    };
  }
  const statements = new Map<string, ReturnType<Db['$client']['prepare']>>();
  const prepared = (text: string) => statements.get(text) ?? statements.set(text, db.$client.prepare(text).raw(true)).get(text)!;
  return (select, rest, args) => prepared(`SELECT ${select.join(', ')} ${rest}`).all(...args) as unknown[][];
}

export function completenessCounts(db: Db) {
  const read = rowReader(db);
  return {
    async countsCreatedIn(period: { start: number; end: number }, required: Record<CompletenessEntity, string[]>, userId?: number): Promise<Map<number, { complete: number; total: number }>> {
      const byRep = new Map<number, { complete: number; total: number }>();
      for (const entity of COMPLETENESS_ENTITIES) {
        const properties = [...new Set(required[entity])].map((field) => REQUIRABLE_FIELDS[entity][field]).filter((p): p is string => p !== undefined);
        if (required[entity].length === 0) continue;
        const { rep, from } = FROM[entity];
        const select = [rep, ...properties.map((p) => columnOf(entity, p))];
        const rest = `FROM ${from} WHERE t.created_at >= ? AND t.created_at < ? AND ${rep} ${userId === undefined ? 'IS NOT NULL' : '= ?'}`;
        const args = userId === undefined ? [period.start, period.end] : [period.start, period.end, userId];
        for (const row of await read(select, rest, args)) {
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
