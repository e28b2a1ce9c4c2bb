import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DINGTALK_ORG_ROWS, dingtalkEnv, dingtalkUserId } from '../helpers/dingtalk.js';
import { E2E_ADMIN_TOKEN, importOrgThroughAdminApi } from '../helpers/feishu-server-process.js';
import { spawnService, type ServiceProcess } from '../helpers/service-process.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../simulators/dingtalk/simulator.js';

useProcessTimeouts();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * SIGTERM to a stream-mode service while messages keep arriving and DingTalk answers replies slowly:
 * the work in hand never runs out, so the service lets it finish for SHUTDOWN_SETTLE_MS only, then
 * closes its connection and exits by itself. Nothing is lost: what it stored it finished, what reached
 * its closing socket DingTalk pushes again, and the replacement answers the rest, each message once.
 */
describe('DingTalk Stream: shutdown under steady traffic', () => {
  let sim: DingTalkSimulator | undefined;
  const services: ServiceProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'skb-shutdown-'));
  afterAll(async () => {
    for (const service of services) await service.stop(5_000);
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits on SIGTERM while messages keep coming; each message is answered once, by it or its replacement', async () => {
    const simulator = await startDingTalkSimulator({ repushAfterMs: 1500 });
    sim = simulator;
    const env = {
      ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      SANDBOX_ENABLED: 'false',
      DATABASE_PATH: join(dir, 'shutdown.db'),
      SHUTDOWN_SETTLE_MS: '1000',
      ...dingtalkEnv(simulator, { DINGTALK_MODE: 'stream' }),
    };
    const start = async () => {
      const service = await spawnService({ env });
      services.push(service);
      return service;
    };
    const first = await start();
    await importOrgThroughAdminApi(first.url, DINGTALK_ORG_ROWS);
    await simulator.waitForConnection(1);

    // Every reply takes 1.5 s to be answered, and a message comes every 50 ms until the service is gone.
    simulator.answerSlowly('/robot/sendBySession', 1500);
    const pushed: ReturnType<DingTalkSimulator['pushRobotMessage']>[] = [];
    let stopping = true;
    const traffic = (async () => {
      while (stopping && simulator.stream.openConnections() > 0) {
        pushed.push(simulator.pushRobotMessage({ senderStaffId: dingtalkUserId('S101'), text: `你好 ${pushed.length}` }));
        await sleep(50);
      }
    })();
    await simulator.waitFor(() => pushed.length >= 10, 'some messages in flight');
    // SIGKILL only after 60 s: a service that waited for the work to run out would be killed, not exit 0.
    const exitCode = await first.stop(60_000);
    stopping = false;
    await traffic;
    expect(exitCode, first.output()).toBe(0);
    expect(first.output()).toContain('shutdown: work still arriving');
    expect(first.output()).not.toContain('"level":50');

    simulator.answerSlowly('/robot/sendBySession', 0);
    const second = await start();
    const sessionOf = (m: (typeof pushed)[number]) => new URL(m.payload.sessionWebhook).searchParams.get('session');
    const answers = () => {
      const counts = new Map<string | null, number>();
      for (const s of simulator.sent) if (s.kind === 'session') counts.set(s.session ?? null, (counts.get(s.session ?? null) ?? 0) + 1);
      return pushed.map((m) => counts.get(sessionOf(m)) ?? 0);
    };
    await simulator.waitFor(() => answers().every((n) => n >= 1), `all ${pushed.length} messages answered`, 60_000);
    await sleep(500);
    expect(answers().filter((n) => n !== 1)).toEqual([]);
    expect(await second.stop(20_000)).toBe(0);
  });
});
