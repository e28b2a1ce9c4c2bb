/**
 * src/main.ts with every SQL statement it runs counted, for `BENCH_WEBHOOK_STATEMENTS=<file>`: the
 * counts by SQL text are written to that file at exit. Statements per event = the difference between
 * two runs with different BENCH_WEBHOOK_EVENTS ÷ the difference in events (start-up and warm-up cancel).
 */
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';

const file = process.env.BENCH_STATEMENTS_FILE as string;
const counts = new Map<string, number>();
const count = (sql: string) => counts.set(sql, (counts.get(sql) ?? 0) + 1);

// The statement class is the addon's; one throwaway statement gives its prototype.
const probe = new Database(':memory:');
const statementProto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, unknown>;
probe.close();
for (const method of ['run', 'get', 'all', 'iterate']) {
  const original = statementProto[method] as (this: { source: string }, ...args: unknown[]) => unknown;
  statementProto[method] = function (this: { source: string }, ...args: unknown[]) {
    count(this.source);
    return original.apply(this, args);
  };
}
const databaseProto = Database.prototype as unknown as Record<string, unknown>;
const exec = databaseProto.exec as (this: unknown, sql: string) => unknown;
databaseProto.exec = function (this: unknown, sql: string) {
  count(sql.startsWith('SAVEPOINT') || sql.startsWith('RELEASE') || sql.startsWith('ROLLBACK TO') ? sql.split(' ').slice(0, -1).join(' ') : sql);
  return exec.call(this, sql);
};

process.on('exit', () => {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  writeFileSync(file, JSON.stringify({ total, bySql: Object.fromEntries([...counts].sort((a, b) => b[1] - a[1])) }, null, 1));
});
await import('../src/main.js');
