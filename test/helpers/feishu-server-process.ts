import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The real service as a child process (`tsx src/main.ts`) on a temp database and a random port, for
 * end-to-end tests. stop() sends SIGTERM and waits for a clean exit.
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

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

export async function startServerProcess(env: Record<string, string>, dbPath: string): Promise<ServerProcess> {
  const child: ChildProcess = spawn(TSX, ['src/main.ts'], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_PATH: dbPath,
      ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      JOBS_ENABLED: 'false',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });

  return {
    url,
    dbPath,
    output: () => output,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
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
