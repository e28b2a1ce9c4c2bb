import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnService } from './service-process.js';

export { runScript } from './service-process.js';

export interface ServerProcess {
  url: string;
  dir: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * The real service (src/main.ts or the demo) on a random port with a database in its own temp dir;
 * stop() ends it and removes the dir.
 */
export async function startServerProcess(options: { script?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'skb-e2e-'));
  try {
    const service = await spawnService({ script: options.script, env: { DATABASE_PATH: join(dir, 'e2e.db'), ...options.env }, timeoutMs: options.timeoutMs });
    return {
      url: service.url,
      dir,
      output: service.output,
      async stop() {
        await service.stop(5_000);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
