import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { freshTestDb } from '../helpers/fresh-db.js';

/** An app whose logger writes, at info, into an array of parsed lines. */
async function appWithCapturedLog() {
  const lines: { level: number; msg: string; req?: { url?: string } }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as (typeof lines)[number]);
      done();
    },
  });
  const { db, cleanup } = await freshTestDb('quiet_logs');
  const dir = mkdtempSync(join(tmpdir(), 'skb-test-'));
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: join(dir, 'test.db'), SANDBOX_ENABLED: 'true', METRICS_TOKEN: 'metrics-token-0123456789' });
  const app = await buildApp({ config, db, logger: pino({ level: 'info' }, stream), clock: () => Date.parse('2026-11-27T10:00:00+08:00') });
  const close = async () => {
    await app.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  };
  return { app, lines, close };
}

describe('quiet logs', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('polling requests (sandbox transcript, probes, metrics scrapes) write no info line; other requests still do', async () => {
    const captured = await appWithCapturedLog();
    close = captured.close;
    const polled = ['/sandbox/api/transcript?employeeNo=S101&after=0', '/healthz', '/readyz', '/metrics'];
    for (const url of polled) await captured.app.inject({ method: 'GET', url });
    expect(captured.lines.filter((l) => l.level <= 30)).toEqual([]);

    // The capture works: an ordinary request is logged at info (incoming and completed).
    await captured.app.inject({ method: 'GET', url: '/sandbox/api/users' });
    expect(captured.lines.filter((l) => l.level === 30 && l.req?.url === '/sandbox/api/users')).toHaveLength(1);
    expect(captured.lines.filter((l) => l.level === 30).length).toBeGreaterThanOrEqual(2);
  });
});
