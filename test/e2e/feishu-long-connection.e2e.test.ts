import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEISHU_TEST_APP, feishuDemoOrgRows, feishuEnv, feishuIdsOf } from '../helpers/feishu.js';
import { importOrgThroughAdminApi, startServerProcess, tempDir, type ServerProcess } from '../helpers/feishu-server-process.js';
import { createFeishuEventClient } from '../simulators/feishu/event-client.js';
import { startFeishuSimulator, type FeishuSimulator } from '../simulators/feishu/server.js';
import { until, useProcessTimeouts } from '../helpers/timeouts.js';

/** The server runs on the machine's clock: a visit dated yesterday is inside the back-dating bound on any day. */
const yesterdayInShanghai = () => DateTime.now().setZone('Asia/Shanghai').minus({ days: 1 }).toISODate() as string;

useProcessTimeouts();

/** FEISHU_MODE=ws: the SDK's WSClient in the real server process, connected to the simulator. */
describe('Feishu long connection end to end', () => {
  let sim: FeishuSimulator;
  let server: ServerProcess;
  let temp: ReturnType<typeof tempDir>;
  const feishu = createFeishuEventClient(FEISHU_TEST_APP);

  beforeAll(async () => {
    sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
    temp = tempDir();
    server = await startServerProcess({ ...feishuEnv(sim.url, 'ws'), LOG_LEVEL: 'info' }, join(temp.dir, 'ws.db'));
    await importOrgThroughAdminApi(server.url, feishuDemoOrgRows());
    await sim.ws.waitForConnection();
  });
  afterAll(async () => {
    await server?.stop();
    await sim?.close();
    temp?.cleanup();
  });

  it("a rep's 帮助 over the socket gets a card; three redeliveries are acked and ignored", async () => {
    const before = sim.sent.length;
    const envelope = feishu.messageEvent({ sender: feishuIdsOf('S101'), text: '帮助', messageId: 'om_ws_help' });
    for (let delivery = 0; delivery < 4; delivery += 1) {
      const ack = await sim.ws.push(envelope);
      expect(ack.code).toBe(200);
    }
    const [reply] = (await sim.waitForSent(before + 1)).slice(before);
    expect(reply).toMatchObject({ kind: 'reply', replyTo: 'om_ws_help', msgType: 'interactive', content: { schema: '2.0' } });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sim.sent.slice(before)).toHaveLength(1);
  });

  it('a card callback over the socket is answered in the ack (card), a repeat with a toast', async () => {
    const envelope = feishu.cardAction({ operator: feishuIdsOf('S102'), value: { command: 'help', args: {} } });
    const ack = await sim.ws.push(envelope);
    expect(ack).toMatchObject({ code: 200, data: { card: { type: 'raw', data: { schema: '2.0' } } } });
    const repeat = await sim.ws.push(envelope);
    expect(repeat).toMatchObject({ code: 200, data: { toast: { type: 'info', content: expect.stringContaining('已处理') } } });
  });

  it('拜访 over the socket stores one visit for four deliveries; a form submitted over the socket stores once and toasts', async () => {
    const visits = () => {
      const db = new Database(server.dbPath, { readonly: true });
      try {
        return (db.prepare("SELECT COUNT(*) AS n FROM visits v JOIN customers c ON c.id = v.customer_id WHERE c.name = '长城汽车'").get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    let before = sim.sent.length;
    await sim.ws.push(feishu.messageEvent({ sender: feishuIdsOf('S105'), text: '客户 长城汽车 直销' }));
    await sim.waitForSent(before + 1);
    before = sim.sent.length;
    const envelope = feishu.messageEvent({ sender: feishuIdsOf('S105'), text: '拜访 长城汽车 聊了换代计划', messageId: 'om_ws_visit' });
    for (let delivery = 0; delivery < 4; delivery += 1) expect((await sim.ws.push(envelope)).code).toBe(200);
    const [confirmation] = (await sim.waitForSent(before + 1)).slice(before);
    expect(JSON.stringify(confirmation?.content)).toContain('长城汽车');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(visits()).toBe(1);

    const submit = { command: 'visit.submit', args: {} as Record<string, string> };
    const formValue = { customer: '长城汽车', visitDate: yesterdayInShanghai(), kind: 'video', notes: '视频会议' };
    // The token a real form card carries comes from its submit button; take it from a form the bot sent.
    before = sim.sent.length;
    await sim.ws.push(feishu.messageEvent({ sender: feishuIdsOf('S105'), text: '拜访', messageId: 'om_ws_form' }));
    const [form] = (await sim.waitForSent(before + 1)).slice(before);
    const token = /"command":"visit\.submit","args":(\{[^}]*\})/.exec(JSON.stringify(form?.content))?.[1];
    if (!token) throw new Error('no visit.submit button on the form card');
    submit.args = JSON.parse(token) as Record<string, string>;
    const first = await sim.ws.push(feishu.cardAction({ operator: feishuIdsOf('S105'), value: submit, formValue, messageId: 'om_ws_form' }));
    expect(first).toMatchObject({ code: 200, data: { toast: { type: 'success' } } });
    const again = await sim.ws.push(feishu.cardAction({ operator: feishuIdsOf('S105'), value: submit, formValue, messageId: 'om_ws_form' }));
    expect(again.code).toBe(200);
    expect(visits()).toBe(2);
  });

  it('ignores an event for another app', async () => {
    const before = sim.sent.length;
    const ack = await sim.ws.push(feishu.messageEvent({ sender: feishuIdsOf('S103'), text: '帮助', header: { app_id: 'cli_ffffffffffffffff' } }));
    expect(ack.code).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sim.sent.length).toBe(before);
  });

  it('reconnects after the connection drops and keeps working', async () => {
    const ever = sim.ws.connectionsEver;
    sim.ws.dropAll();
    await sim.ws.waitForConnection(60_000, ever + 1);
    const before = sim.sent.length;
    const ack = await sim.ws.push(feishu.messageEvent({ sender: feishuIdsOf('S104'), text: '帮助', messageId: 'om_ws_after_drop' }));
    expect(ack.code).toBe(200);
    const [reply] = (await sim.waitForSent(before + 1)).slice(before);
    expect(reply?.replyTo).toBe('om_ws_after_drop');
  });

  it('shuts down cleanly: the socket closes and the process exits 0', async () => {
    const exitCode = await server.stop();
    expect(exitCode, server.output()).toBe(0);
    // The simulator notices the closed socket on its own event loop: wait for it.
    await until(() => sim.ws.connections === 0, 'the socket to close at the simulator');
    // The whole run's logs (info level) name no secret and not the connect URL with its ticket.
    for (const secret of [FEISHU_TEST_APP.appSecret, FEISHU_TEST_APP.encryptKey, FEISHU_TEST_APP.verificationToken, 'ticket=sim']) expect(server.output()).not.toContain(secret);
    expect(server.output()).toContain('ws client ready');
  });
});
