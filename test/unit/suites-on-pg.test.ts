import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SQLITE_ONLY_SUITES, SUITES_ON_PG } from '../pg/suites-on-pg.js';

/** Every integration suite under test/integration, as a path from the project root. */
function integrationSuites(dir = 'test/integration'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return integrationSuites(path);
    return entry.name.endsWith('.test.ts') ? [relative('.', path)] : [];
  });
}

/**
 * The integration suite runs on both databases (issue 21): a suite is either in the pg-integration
 * project's list or named SQLite-only with its reason, so a new suite cannot quietly skip PostgreSQL.
 */
describe('which integration suites run on PostgreSQL', () => {
  it('lists every integration suite exactly once: on pg, or SQLite-only with a reason', () => {
    const onPg = new Set(SUITES_ON_PG);
    const sqliteOnly = Object.keys(SQLITE_ONLY_SUITES);
    expect(onPg.size, 'a suite listed twice for pg').toBe(SUITES_ON_PG.length);
    expect(sqliteOnly.filter((suite) => onPg.has(suite)), 'listed both ways').toEqual([]);
    const unlisted = integrationSuites().filter((suite) => !onPg.has(suite) && !(suite in SQLITE_ONLY_SUITES));
    expect(unlisted, 'add these to SUITES_ON_PG, or to SQLITE_ONLY_SUITES with why').toEqual([]);
    for (const [suite, reason] of Object.entries(SQLITE_ONLY_SUITES)) expect(reason.length, suite).toBeGreaterThan(10);
  });

  it('names only suites that exist', () => {
    const missing = [...SUITES_ON_PG, ...Object.keys(SQLITE_ONLY_SUITES)].filter((suite) => !existsSync(suite));
    expect(missing).toEqual([]);
  });
});
