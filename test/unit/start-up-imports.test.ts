import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PROCESS_START_MS, useProcessTimeouts } from '../helpers/timeouts.js';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The packages loaded by importing src/app.ts (what every service start loads), recorded by an ESM
 * resolve hook in a fresh process: this process's module cache already holds whatever other tests loaded.
 */
async function packagesLoadedByApp(logFile: string): Promise<Set<string>> {
  const hook = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(${JSON.stringify(logFile)}, resolved.url + '\\n');
  return resolved;
}`;
  const script = `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
await import('./src/app.ts');`;
  await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, timeout: PROCESS_START_MS });
  const urls = readFileSync(logFile, 'utf8').split('\n');
  return new Set(urls.map((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1]).filter((name): name is string => name !== undefined));
}

useProcessTimeouts();

describe('what the service loads at start-up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skb-imports-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Together ~40 MB of the idle service's RSS (issue 20: idle ≤ 200 MB); each is loaded on first use instead.
  it('leaves the platform SDKs, exceljs and prom-client to their first use', async () => {
    const loaded = await packagesLoadedByApp(join(dir, 'resolved.txt'));
    expect(loaded.has('fastify'), 'the hook sees the packages app.ts does load').toBe(true);
    expect(['@larksuiteoapi/node-sdk', 'dingtalk-stream', 'exceljs', 'prom-client'].filter((name) => loaded.has(name))).toEqual([]);
  });
});
