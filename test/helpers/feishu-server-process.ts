import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnService, type FakeTime } from './service-process.js';

/**
 * The real service for the Feishu e2e tests: a database path of the test's choosing (so a restart
 * reuses it) and the admin token set. stop() sends SIGTERM and waits for a clean exit.
 */

export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789';

export interface ServerProcess {
  url: string;
  dbPath: string;
  output(): string;
  /** Resolves with the exit code after SIGTERM. */
  stop(): Promise<number | null>;
  /** Kills the process without warning (a crash, an OOM kill) and resolves once it is gone. */
  kill(): Promise<void>;
}

export async function startServerProcess(env: Record<string, string>, dbPath: string, options: { faketime?: FakeTime } = {}): Promise<ServerProcess> {
  const service = await spawnService({ env: { DATABASE_PATH: dbPath, ADMIN_TOKEN: E2E_ADMIN_TOKEN, ...env }, ...options });
  return { url: service.url, dbPath, output: service.output, kill: service.kill, stop: () => service.stop(20_000) };
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'skb-e2e-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function importOrgThroughAdminApi(url: string, rows: Record<string, string>[]): Promise<void> {
  const response = await fetch(`${url}/admin/org/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ rows }),
  });
  if (!response.ok) throw new Error(`org import failed: ${response.status} ${await response.text()}`);
}
