import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnService } from './service-process.js';

export interface SpawnedServer {
  url: string;
  databasePath: string;
  output(): string;
  stop(): Promise<void>;
}

/** The real service (`tsx src/main.ts`) on a random port with a temp database, for the DingTalk e2e tests. */
export async function spawnServer(env: Record<string, string>, timeoutMs?: number): Promise<SpawnedServer> {
  const dir = mkdtempSync(join(tmpdir(), 'skb-e2e-'));
  const databasePath = join(dir, 'e2e.db');
  const service = await spawnService({ env: { DATABASE_PATH: databasePath, ...env }, timeoutMs });
  return {
    url: service.url,
    databasePath,
    output: service.output,
    async stop() {
      await service.stop(5_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
