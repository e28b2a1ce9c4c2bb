import { join } from 'node:path';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createPgDatabase } from '../helpers/pg-cluster.js';
import { runScript } from '../helpers/service-process.js';
import { tempDir } from '../helpers/feishu-server-process.js';

/**
 * With DATABASE_URL set, the CLI works on PostgreSQL like the service does: an org import and a job run
 * write there, the SQLite backup commands refuse (pg_dump is the tool), and no SQLite file appears at DATABASE_PATH.
 */
describe('the CLI on PostgreSQL', () => {
  it('imports the org and runs a job on the DATABASE_URL database, never on a stray SQLite file', async () => {
    const databaseUrl = await createPgDatabase(inject('pgClusterUrl'), `cli_on_pg_${process.pid}`);
    const temp = tempDir();
    try {
      const env = { DATABASE_URL: databaseUrl, DATABASE_PATH: join(temp.dir, 'must-not-exist.db') };
      const imported = await runScript('src/cli/index.ts', ['org', 'import', 'test/fixtures/org-good.csv'], env);
      expect(imported.code, imported.output).toBe(0);
      const ran = await runScript('src/cli/index.ts', ['jobs', 'run', 'weekly-report', '--period', '2026-W48'], env);
      expect(ran.code, ran.output).toBe(0);

      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const users = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
        expect(users.rows[0]?.n).toBeGreaterThan(0);
        const runs = await client.query<{ job: string; status: string }>("SELECT job, status FROM job_runs WHERE period_key = '2026-W48'");
        // Recorded in PostgreSQL's job_runs; 'idle': no platform is configured here, so nobody can be sent a card.
        expect(runs.rows).toEqual([{ job: 'weekly-report', status: 'idle' }]);
      } finally {
        await client.end();
      }
      // The SQLite file commands refuse, saying what to use instead; the scheduled backup job skips.
      const backup = await runScript('src/cli/index.ts', ['db', 'backup', join(temp.dir, 'copy.db')], env);
      expect(backup.code).toBe(2);
      expect(backup.output).toContain('pg_dump');
      const backupJob = await runScript('src/cli/index.ts', ['jobs', 'run', 'backup', '--period', '2026-12-01'], env);
      expect(backupJob.code, backupJob.output).toBe(0);
      expect(backupJob.output).toContain('PostgreSQL: back it up with pg_dump');
      expect(existsSync(env.DATABASE_PATH)).toBe(false);
      expect(existsSync(join(temp.dir, 'copy.db'))).toBe(false);
    } finally {
      temp.cleanup();
    }
  });
});
