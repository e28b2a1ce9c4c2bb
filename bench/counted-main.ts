/**
 * src/main.ts with every SQL statement it runs counted, for `BENCH_WEBHOOK_STATEMENTS=<file>`. On
 * SIGUSR2 it writes the counts so far by SQL text, and its CPU time (user + system, ms), to
 * `<file>.<n>`; the bench takes one snapshot before its timed run and one after, so start-up and
 * warm-up drop out. CPU per event holds when other work shares the cores and rates do not.
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
  // Savepoint names are numbered: count them as one statement each.
  count(/^(SAVEPOINT|RELEASE|ROLLBACK TO) /.test(sql) ? sql.replace(/ \S+$/, '') : sql);
  return exec.call(this, sql);
};

let snapshots = 0;
process.on('SIGUSR2', () => {
  const cpu = process.cpuUsage();
  snapshots += 1;
  writeFileSync(`${file}.${snapshots}`, JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, bySql: Object.fromEntries(counts) }));
});
writeFileSync(`${file}.pid`, String(process.pid));
await import('../src/main.js');
