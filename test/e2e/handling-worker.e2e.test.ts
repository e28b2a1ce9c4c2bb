import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEISHU_TEST_APP, feishuDemoOrgRows, feishuEnv, feishuIdsOf } from '../helpers/feishu.js';
import { importOrgThroughAdminApi, startServerProcess, tempDir, type ServerProcess } from '../helpers/feishu-server-process.js';
import { createFeishuEventClient } from '../simulators/feishu/event-client.js';
import { startFeishuSimulator, type FeishuSimulator } from '../simulators/feishu/server.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

useProcessTimeouts();

const METRICS_TOKEN = 'metrics-token-0123456789';

/**
 * HANDLING_WORKER=true: the service acknowledges Feishu's callbacks and a worker thread stores and
 * handles the messages. Driven as Feishu drives it (signed, encrypted callbacks; replies to the
 * simulator), it must behave as without the worker: one visit and one reply for a redelivered event,
 * the command timings in the service's metrics, and nothing acknowledged lost at SIGTERM.
 */
describe('Feishu webhook with the handling worker', () => {
  let sim: FeishuSimulator;
  let server: ServerProcess | undefined;
  let temp: ReturnType<typeof tempDir>;
  const feishu = createFeishuEventClient(FEISHU_TEST_APP);

  beforeAll(async () => {
    sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
    temp = tempDir();
    server = await startServerProcess({ ...feishuEnv(sim.url), HANDLING_WORKER: 'true', METRICS_TOKEN, LOG_LEVEL: 'info' }, join(temp.dir, 'worker.db'));
    await importOrgThroughAdminApi(server.url, feishuDemoOrgRows());
  });
  afterAll(async () => {
    await server?.stop();
    await sim?.close();
    temp?.cleanup();
  });

  const events = () => `${server?.url}/webhooks/feishu/events`;
  const visits = (customer: string) => {
    const db = new Database(join(temp.dir, 'worker.db'), { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM visits v JOIN customers c ON c.id = v.customer_id WHERE c.name = ?').get(customer) as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('a 拜访 delivered four times is stored once and answered once, by the worker', async () => {
    const created = sim.sent.length;
    await feishu.post(events(), feishu.messageEvent({ sender: feishuIdsOf('S101'), text: '客户 线程客户 直销' }));
    await sim.waitForSent(created + 1);

    const before = sim.sent.length;
    const envelope = feishu.messageEvent({ sender: feishuIdsOf('S101'), text: '拜访 线程客户 聊了采购计划', messageId: 'om_worker_visit' });
    for (let delivery = 0; delivery < 4; delivery += 1) expect((await feishu.post(events(), envelope)).status).toBe(200);
    const [reply] = (await sim.waitForSent(before + 1)).slice(before);
    expect(reply).toMatchObject({ kind: 'reply', replyTo: 'om_worker_visit', msgType: 'interactive' });
    expect(JSON.stringify(reply?.content)).toContain('线程客户');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sim.sent.slice(before)).toHaveLength(1);
    expect(visits('线程客户')).toBe(1);

    const output = server?.output() ?? '';
    // The worker started and logged as itself; the service never fell back to handling messages on its own thread.
    expect(output).toMatch(/"thread":"handling".*"msg":"handling worker ready"/);
    expect(output).not.toContain('handling worker stopped');
  });

  it("the worker's command timings and sends are counted in the service's /metrics", async () => {
    const response = await fetch(`${server?.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0);
    expect(value(/^skb_command_duration_seconds_count\{command="visit"\} (\d+)/m)).toBe(1);
    expect(value(/^skb_command_duration_seconds_count\{command="customer"\} (\d+)/m)).toBe(1);
    expect(value(/^skb_outbox_sends_total\{platform="feishu",result="sent"\} (\d+)/m)).toBeGreaterThanOrEqual(2);
    expect(value(/^skb_inbound_events_total\{platform="feishu",kind="message"\} (\d+)/m)).toBe(5);
  });

  it('SIGTERM right after acknowledging a message still sends its reply before the service exits', async () => {
    const before = sim.sent.length;
    const envelope = feishu.messageEvent({ sender: feishuIdsOf('S102'), text: '帮助', messageId: 'om_worker_last' });
    expect((await feishu.post(events(), envelope)).status).toBe(200);
    expect(await server?.stop()).toBe(0);
    server = undefined;
    expect(sim.sent.slice(before).map((sent) => sent.replyTo)).toEqual(['om_worker_last']);
  });
});
