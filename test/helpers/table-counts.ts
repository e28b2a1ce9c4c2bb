import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { isPg, queryRows } from '../../src/db/dialect.js';

/**
 * The row count of every table of the app's database, SQLite or PostgreSQL, by name in name order
 * (drizzle's migration journal left out): compared before and after a request, what it wrote.
 */
export async function tableRowCounts(db: Db): Promise<Record<string, number>> {
  const tables = await queryRows<{ name: string }>(
    db,
    isPg(db)
      ? sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE '__drizzle%' ORDER BY table_name`
      : sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name`,
  );
  // An empty list would make every before/after comparison pass.
  if (tables.length === 0) throw new Error('tableRowCounts: no tables found');
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = Number((await queryRows<{ n: number }>(db, sql`SELECT COUNT(*) AS n FROM ${sql.identifier(name)}`))[0]!.n);
  return counts;
}
