/* global process, console, URL */
// `npm run db:generate -- --name <what_changed>`: one schema change, one migration per dialect, so
// migrations/sqlite and migrations/pg never drift apart. Every argument goes to both drizzle-kit runs.
// A hand-written (--custom) migration for one dialect only: `npx drizzle-kit generate --custom --config <one config> --name X`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const DRIZZLE_KIT = `${root}node_modules/drizzle-kit/bin.cjs`;

const CONFIGS = ['drizzle.config.ts', 'drizzle.pg.config.ts'];
const args = process.argv.slice(2);
if (args.some((arg) => arg === '--config' || arg.startsWith('--config='))) {
  console.error('db:generate runs every dialect; for one, call drizzle-kit with its --config directly.');
  process.exit(2);
}
for (const config of CONFIGS) {
  console.log(`\n# drizzle-kit generate --config ${config}`);
  const run = spawnSync(process.execPath, [DRIZZLE_KIT, 'generate', '--config', config, ...args], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
