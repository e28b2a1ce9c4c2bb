import { ConfigError } from '../config.js';
import { createOrgRepository } from '../db/repositories/org-repository.js';
import { DEMO_ORG_ROWS } from '../seed/demo-org.js';
import { seedDemoActivity } from '../seed/demo-activity.js';
import { seedDemoCustomers } from '../seed/demo-customers.js';
import { DEMO_FINANCE_ROW, seedDemoFinance } from '../seed/demo-finance.js';
import { startServer } from '../server.js';
import { importOrg } from '../features/org/import.js';
import { readJsonRows } from '../features/imports/tabular.js';

/**
 * `npm run demo`: the service on the sandbox channel with a seeded demo org, no credentials needed.
 * Uses ./data/demo.db unless DATABASE_PATH is set.
 */
async function demo(): Promise<void> {
  const env = {
    ...process.env,
    DATABASE_PATH: process.env.DATABASE_PATH ?? './data/demo.db',
    SANDBOX_ENABLED: process.env.SANDBOX_ENABLED ?? 'true',
  };
  const server = await startServer(env, {
    // A person watches the demo's terminal: readable lines, not JSON.
    prettyLogs: true,
    async beforeListen(db, config) {
      if ((await createOrgRepository(db).listUsers()).length === 0) {
        const result = await importOrg(db, readJsonRows([...DEMO_ORG_ROWS, DEMO_FINANCE_ROW]), { now: Date.now(), actorUserId: null, source: 'cli' });
        if (!result.ok) throw new Error(`demo org failed to import: ${JSON.stringify(result.errors)}`);
      }
      await seedDemoCustomers(db, Date.now());
      await seedDemoActivity(db, Date.now(), config.timezone);
      await seedDemoFinance(db, Date.now(), config.finance);
    },
  });
  console.log(`sales-kpi-bot demo is running.\n  Sandbox chat: ${server.url}/sandbox\n  Press Ctrl+C to stop.`);
  const shutdown = async () => {
    await server.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

demo().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
