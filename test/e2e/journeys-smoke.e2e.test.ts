import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardHeaders, dingtalkEnv, dingtalkUserId, robotHeaders } from '../helpers/dingtalk.js';
import { FEISHU_TEST_APP, feishuDemoOrgRows, feishuEnv, feishuIdsOf } from '../helpers/feishu.js';
import { importOrgThroughAdminApi, startServerProcess, tempDir, type ServerProcess } from '../helpers/feishu-server-process.js';
import { dingtalkButtons } from '../helpers/journeys/dingtalk.js';
import { feishuButtons } from '../helpers/journeys/feishu.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';
import { startDingTalkSimulator, type CardCallbackAnswer, type DingTalkSimulator } from '../simulators/dingtalk/simulator.js';
import { createFeishuEventClient } from '../simulators/feishu/event-client.js';
import { startFeishuSimulator, type FeishuSimulator } from '../simulators/feishu/server.js';

useProcessTimeouts();

/**
 * One smoke journey per transport against the real service process (the full table runs in-process,
 * test/integration/journeys): a rep registers a customer, logs a visit, and undoes it with the button
 * on the confirmation card. Two processes: one with Feishu in long-connection mode (its HTTP callback
 * routes exist in that mode too) and DingTalk in stream mode, one with DingTalk's HTTP callbacks.
 */

const CARD_SECRET = 'smoke-card-callback-secret';
const orgRows = () => feishuDemoOrgRows().map((row) => ({ ...row, dingtalk_user_id: dingtalkUserId(row.employee_no as string) }));

function visits(server: ServerProcess, customer: string): number {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM visits v JOIN customers c ON c.id = v.customer_id WHERE c.name = ?').get(customer) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('journey smoke tests on the real process, one per transport', () => {
  let feishuSim: FeishuSimulator;
  let dingtalkSim: DingTalkSimulator;
  let framed: ServerProcess;
  let http: ServerProcess;
  let temp: ReturnType<typeof tempDir>;
  const feishu = createFeishuEventClient(FEISHU_TEST_APP);

  beforeAll(async () => {
    feishuSim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
    dingtalkSim = await startDingTalkSimulator();
    temp = tempDir();
    const dingtalk = (mode: string) => dingtalkEnv(dingtalkSim, { DINGTALK_MODE: mode, DINGTALK_CARD_TEMPLATE_ID: 'tpl-skb-generic.schema', DINGTALK_CARD_CALLBACK_SECRET: CARD_SECRET, DINGTALK_CORP_ID: 'dingcorp' });
    [framed, http] = await Promise.all([
      startServerProcess({ ...feishuEnv(feishuSim.url, 'ws'), ...dingtalk('stream'), SANDBOX_ENABLED: 'false' }, join(temp.dir, 'framed.db')),
      startServerProcess({ ...dingtalk('webhook'), SANDBOX_ENABLED: 'false' }, join(temp.dir, 'http.db')),
    ]);
    await importOrgThroughAdminApi(framed.url, orgRows());
    await importOrgThroughAdminApi(http.url, orgRows());
    await feishuSim.ws.waitForConnection(60_000);
    await dingtalkSim.waitForConnection(1, 60_000);
  });
  afterAll(async () => {
    await framed?.stop();
    await http?.stop();
    await feishuSim?.close();
    await dingtalkSim?.close();
    temp?.cleanup();
  });

  /** The Feishu journey; `deliver` posts an envelope the way the transport carries it and returns the answer. */
  async function feishuJourney(employeeNo: string, customer: string, deliver: (path: string, envelope: unknown) => Promise<Record<string, unknown>>) {
    const say = async (text: string) => {
      const messageId = `om_smoke_${employeeNo}_${feishuSim.sent.length}`;
      const before = feishuSim.sent.length;
      await deliver('/webhooks/feishu/events', feishu.messageEvent({ sender: feishuIdsOf(employeeNo), text, messageId }));
      const replies = await feishuSim.waitForSent(before + 1);
      return replies.slice(before).find((r) => r.replyTo === messageId);
    };
    await say(`客户 ${customer} 直销`);
    const saved = await say(`拜访 ${customer} 聊了采购计划`);
    expect(visits(framed, customer)).toBe(1);
    const undo = feishuButtons(saved?.content).find((b) => b.label === '撤销');
    if (!undo) throw new Error(`no 撤销 on ${JSON.stringify(saved?.content).slice(0, 300)}`);
    const answer = await deliver('/webhooks/feishu/cards', feishu.cardAction({ operator: feishuIdsOf(employeeNo), value: undo.action, messageId: saved?.messageId }));
    expect((answer.toast as { content: string }).content).toContain('已撤销拜访');
    expect(visits(framed, customer)).toBe(0);
  }

  it('Feishu webhook: signed and encrypted callbacks', async () => {
    await feishuJourney('S101', '华为技术', async (path, envelope) => {
      const response = await feishu.post(`${framed.url}${path}`, envelope);
      expect(response.status).toBe(200);
      return response.json as Record<string, unknown>;
    });
  });

  it('Feishu long connection: event frames', async () => {
    await feishuJourney('S102', '长城汽车', async (_path, envelope) => {
      const ack = await feishuSim.ws.push(envelope);
      expect(ack.code).toBe(200);
      return (ack.data ?? {}) as Record<string, unknown>;
    });
  });

  /** The DingTalk journey; `say` and `click` carry a message and a card click the way the transport does. */
  async function dingtalkJourney(server: ServerProcess, employeeNo: string, customer: string, carry: { say(input: { senderStaffId: string; text: string }): Promise<void>; click(outTrackId: string, userId: string, params: Record<string, string>): Promise<CardCallbackAnswer> }) {
    const userId = dingtalkUserId(employeeNo);
    const say = async (text: string) => {
      const before = dingtalkSim.sent.length;
      await carry.say({ senderStaffId: userId, text });
      return dingtalkSim.waitFor(() => dingtalkSim.sent.slice(before).find((r) => r.to === userId || r.to === `cid-${userId}`), `reply to "${text}"`);
    };
    await say(`客户 ${customer} 直销`);
    const saved = await say(`拜访 ${customer} 聊了采购计划`);
    expect(saved.kind).toBe('card');
    expect(visits(server, customer)).toBe(1);
    const outTrackId = String(saved.body.outTrackId);
    const undo = dingtalkButtons(dingtalkSim.cards.get(outTrackId)?.cardParamMap ?? {}).find((b) => b.label === '撤销');
    if (!undo) throw new Error('no 撤销 on the DingTalk card');
    const answer = await carry.click(outTrackId, userId, { action: JSON.stringify(undo.action) });
    expect(answer.userPrivateData?.cardParamMap?.toast).toContain('已撤销拜访');
    expect(visits(server, customer)).toBe(0);
  }

  it('DingTalk Stream: robot and card callback frames', async () => {
    await dingtalkJourney(framed, 'S103', '中兴通讯', {
      async say(input) {
        const frame = dingtalkSim.pushRobotMessage(input);
        await dingtalkSim.waitForAck(frame.messageId);
      },
      async click(outTrackId, userId, params) {
        const { messageId } = dingtalkSim.pushCardClick({ outTrackId, userId, params });
        return ((await dingtalkSim.waitForAck(messageId)).data as { response: CardCallbackAnswer }).response;
      },
    });
  });

  it('DingTalk HTTP: signed robot and card callbacks', async () => {
    let signed = 0;
    const timestamp = () => Date.now() - ++signed; // one signature per request: DingTalk signs only the timestamp
    await dingtalkJourney(http, 'S104', '比亚迪', {
      async say(input) {
        const response = await fetch(`${http.url}/webhooks/dingtalk/robot`, { method: 'POST', headers: robotHeaders(dingtalkSim.clientSecret, timestamp()), body: JSON.stringify(dingtalkSim.robotMessage(input)) });
        expect(response.status).toBe(200);
      },
      async click(outTrackId, userId, params) {
        const body = { type: 'actionCallback', outTrackId, corpId: 'dingcorp', userId, content: JSON.stringify({ cardPrivateData: { actionIds: ['button'], params } }), spaceType: 'IM_ROBOT', spaceId: userId, userIdType: 1 };
        const response = await fetch(`${http.url}/webhooks/dingtalk/cards`, { method: 'POST', headers: cardHeaders(CARD_SECRET, timestamp()), body: JSON.stringify(body) });
        expect(response.status).toBe(200);
        return (await response.json()) as CardCallbackAnswer;
      },
    });
  });
});
