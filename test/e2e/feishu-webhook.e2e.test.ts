import { join } from 'node:path';
import { DateTime } from 'luxon';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEISHU_TEST_APP, feishuDemoOrgRows, feishuEnv, feishuIdsOf } from '../helpers/feishu.js';
import { importOrgThroughAdminApi, startServerProcess, tempDir, type ServerProcess } from '../helpers/feishu-server-process.js';
import { createFeishuEventClient } from '../simulators/feishu/event-client.js';
import { startFeishuSimulator, type FeishuSimulator } from '../simulators/feishu/server.js';
import { until, useProcessTimeouts } from '../helpers/timeouts.js';

/** The server runs on the machine's clock: a visit dated yesterday is inside the back-dating bound on any day. */
const yesterdayInShanghai = () => DateTime.now().setZone('Asia/Shanghai').minus({ days: 1 }).toISODate() as string;

useProcessTimeouts();

/** The real server process, Feishu played by the simulator over HTTP callbacks. */
describe('Feishu webhook end to end', () => {
  let sim: FeishuSimulator;
  let server: ServerProcess;
  let temp: ReturnType<typeof tempDir>;
  const feishu = createFeishuEventClient(FEISHU_TEST_APP);
  const env = () => ({ ...feishuEnv(sim.url), PUBLIC_BASE_URL: 'https://kpi.example.com' });

  beforeAll(async () => {
    sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
    temp = tempDir();
    server = await startServerProcess(env(), join(temp.dir, 'e2e.db'));
    await importOrgThroughAdminApi(server.url, feishuDemoOrgRows());
  });
  afterAll(async () => {
    await server?.stop();
    await sim?.close();
    temp?.cleanup();
  });

  const events = () => `${server.url}/webhooks/feishu/events`;

  function processedCount(eventId: string): number {
    const db = new Database(server.dbPath, { readonly: true });
    try {
      return (db.prepare("SELECT COUNT(*) AS n FROM processed_events WHERE platform = 'feishu' AND event_id = ?").get(eventId) as { n: number }).n;
    } finally {
      db.close();
    }
  }

  it('answers the URL challenge', async () => {
    const response = await feishu.post(events(), feishu.challenge('e2e-challenge'));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ challenge: 'e2e-challenge' });
  });

  function visitCount(customer: string): number {
    const db = new Database(server.dbPath, { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM visits v JOIN customers c ON c.id = v.customer_id WHERE c.name = ?').get(customer) as { n: number }).n;
    } finally {
      db.close();
    }
  }

  /** Finds the first element with a callback behaviour whose command matches, anywhere in a card JSON 2.0. */
  function findCallback(node: unknown, command: string): { command: string; args: Record<string, string> } | undefined {
    if (!node || typeof node !== 'object') return undefined;
    const behaviors = (node as { behaviors?: { type: string; value: { command: string; args: Record<string, string> } }[] }).behaviors;
    const hit = behaviors?.find((b) => b.type === 'callback' && b.value.command === command);
    if (hit) return hit.value;
    for (const child of Object.values(node)) {
      const found = findCallback(child, command);
      if (found) return found;
    }
    return undefined;
  }

  it("a rep's 拜访 message gets a confirmation card; Feishu's three retries store one visit and send one reply", async () => {
    const create = sim.sent.length;
    await feishu.post(events(), feishu.messageEvent({ sender: feishuIdsOf('S101'), text: '客户 华为技术 直销' }));
    await sim.waitForSent(create + 1);

    const before = sim.sent.length;
    const envelope = feishu.messageEvent({ sender: feishuIdsOf('S101'), text: '拜访 华为技术 聊了采购计划', messageId: 'om_e2e_visit' });
    for (let delivery = 0; delivery < 4; delivery += 1) expect((await feishu.post(events(), envelope)).status).toBe(200);
    const [reply] = (await sim.waitForSent(before + 1)).slice(before);
    expect(reply).toMatchObject({ kind: 'reply', replyTo: 'om_e2e_visit', msgType: 'interactive' });
    expect(JSON.stringify(reply?.content)).toContain('华为技术');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sim.sent.slice(before)).toHaveLength(1);
    expect(visitCount('华为技术')).toBe(1);
  });

  it('a form card submitted through a card callback stores the record and answers with a toast; a double submit stores once', async () => {
    const before = sim.sent.length;
    await feishu.post(events(), feishu.messageEvent({ sender: feishuIdsOf('S101'), text: '拜访', messageId: 'om_e2e_form' }));
    const [formMessage] = (await sim.waitForSent(before + 1)).slice(before);
    const submit = findCallback(formMessage?.content, 'visit.submit') ?? findCallback(formMessage?.content, 'visit.save');
    if (!submit) throw new Error(`no submit button on the form card: ${JSON.stringify(formMessage?.content).slice(0, 400)}`);
    const formValue = { customer: '华为技术', visitDate: yesterdayInShanghai(), kind: 'phone', notes: '电话确认了预算' };
    const first = await feishu.post(`${server.url}/webhooks/feishu/cards`, feishu.cardAction({ operator: feishuIdsOf('S101'), value: submit, formValue, messageId: 'om_e2e_form' }));
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ toast: { type: 'success' } });
    expect(visitCount('华为技术')).toBe(2);
    // A double click is a second callback with a new event id: still one record.
    const second = await feishu.post(`${server.url}/webhooks/feishu/cards`, feishu.cardAction({ operator: feishuIdsOf('S101'), value: submit, formValue, messageId: 'om_e2e_form' }));
    expect(second.status).toBe(200);
    expect(visitCount('华为技术')).toBe(2);
  });

  it("a rep's 帮助 gets a card; Feishu's three retries of the same event change nothing", async () => {
    const before = sim.sent.length;
    const envelope = feishu.messageEvent({ sender: feishuIdsOf('S101'), text: '帮助', messageId: 'om_e2e_help' });
    for (let delivery = 0; delivery < 4; delivery += 1) {
      const ack = await feishu.post(events(), envelope);
      expect(ack.status).toBe(200);
    }
    const [reply] = (await sim.waitForSent(before + 1)).slice(before);
    expect(reply).toMatchObject({ kind: 'reply', replyTo: 'om_e2e_help', msgType: 'interactive' });
    expect(reply?.content).toMatchObject({ schema: '2.0', header: { title: { content: expect.any(String) } } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sim.sent.slice(before)).toHaveLength(1);
    expect(processedCount('om_e2e_help')).toBe(1);
  });

  it('a card button callback is answered synchronously; a repeat gets a toast', async () => {
    const envelope = feishu.cardAction({ operator: feishuIdsOf('S101'), value: { command: 'help', args: {} }, messageId: 'om_e2e_help' });
    const first = await feishu.post(`${server.url}/webhooks/feishu/cards`, envelope);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ card: { type: 'raw', data: { schema: '2.0' } } });
    const repeat = await feishu.post(`${server.url}/webhooks/feishu/cards`, envelope);
    expect(repeat.json).toMatchObject({ toast: { type: 'info', content: expect.stringContaining('已处理') } });
  });

  it('under a 429 with a reset header every reply still arrives exactly once, after the reset', async () => {
    const before = sim.sent.length;
    const attemptsBefore = sim.attempts.length;
    // The first message call is refused with a 2-second reset, however long the replies take to start.
    sim.failNext('429', 1, { resetSeconds: 2 });
    const reps = ['S102', 'S103', 'S104', 'S201', 'S202'];
    for (const rep of reps) {
      const ack = await feishu.post(events(), feishu.messageEvent({ sender: feishuIdsOf(rep), text: '帮助', messageId: `om_throttled_${rep}` }));
      expect(ack.status).toBe(200);
    }
    const replies = (await sim.waitForSent(before + reps.length, 60_000)).slice(before);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sim.sent.slice(before)).toHaveLength(reps.length);
    expect(new Set(replies.map((r) => r.replyTo))).toEqual(new Set(reps.map((rep) => `om_throttled_${rep}`)));
    // The refused call came first and was retried: every reply was delivered after it.
    const statuses = sim.attempts.slice(attemptsBefore).map((a) => a.status);
    expect(statuses[0]).toBe(429);
    expect(statuses.filter((status) => status === 200)).toHaveLength(reps.length);
  });

  it('remembers handled events across a restart', async () => {
    const exitCode = await server.stop();
    expect(exitCode, server.output()).toBe(0);
    server = await startServerProcess(env(), server.dbPath);
    const before = sim.sent.length;
    const ack = await feishu.post(events(), feishu.messageEvent({ sender: feishuIdsOf('S101'), text: '帮助', messageId: 'om_e2e_help' }));
    expect(ack.status).toBe(200);
    const fresh = await feishu.post(events(), feishu.messageEvent({ sender: feishuIdsOf('S101'), text: '帮助', messageId: 'om_after_restart' }));
    expect(fresh.status).toBe(200);
    await sim.waitForSent(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sim.sent.slice(before).map((r) => r.replyTo)).toEqual(['om_after_restart']);
  });

  it('rejects a forged request and logs why without the secrets', async () => {
    const response = await feishu.post(events(), feishu.messageEvent({ sender: feishuIdsOf('S101'), text: '帮助' }), { badSignature: true });
    expect(response.status).toBe(401);
    // The log line reaches us through the child's stdout pipe: wait for it (a wait, not a measurement).
    await until(() => server.output().includes('signature does not match'), 'the rejection in the log');
    for (const secret of [FEISHU_TEST_APP.appSecret, FEISHU_TEST_APP.encryptKey, FEISHU_TEST_APP.verificationToken]) expect(server.output()).not.toContain(secret);
  });
});
