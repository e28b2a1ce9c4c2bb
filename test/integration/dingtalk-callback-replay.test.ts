import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import { queryRows } from '../../src/db/dialect.js';
import { createCallbackReplays } from '../../src/db/repositories/dingtalk-callback-replays.js';
import { importOrg } from '../../src/features/org/import.js';
import { readJsonRows } from '../../src/features/imports/tabular.js';
import { cardHeaders, DINGTALK_ORG_ROWS, dingtalkEnv, dingtalkUserId, robotHeaders } from '../helpers/dingtalk.js';
import { reopenableTestDb } from '../helpers/reopenable-db.js';
import { tableRowCounts } from '../helpers/table-counts.js';
import { TEST_ADMIN_TOKEN } from '../helpers/test-app.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../simulators/dingtalk/simulator.js';

/**
 * DingTalk's HTTP robot `sign` and the card callback's `x-ddpaas-signature` sign only the timestamp
 * and stay valid for an hour. These tests capture the headers of a genuine signed request and post
 * them again with a forged body, over HTTP against the service with the DingTalk simulator, and
 * check that nothing was stored (database rows, outbox), sent or called (the simulator's request
 * log, a would-be SSRF target).
 */

const CARD_SECRET = 'card-callback-secret-for-tests';
const CORP_ID = 'dingcorp'; // the simulator's corp (chatbotCorpId / corpId in its payloads)
const ONE_HOUR = 60 * 60 * 1000;

const rep = dingtalkUserId('S101');
const otherRep = dingtalkUserId('S102');
const manager = dingtalkUserId('S100');

interface Instance {
  app: FastifyInstance;
  db: Db;
  clock: { now: number };
  close(): Promise<void>;
}

describe('DingTalk HTTP callbacks cannot be replayed with another body', () => {
  let sim: DingTalkSimulator;
  let attacker: Server;
  let attackerUrl: string;
  const attackerHits: string[] = [];
  let database: Awaited<ReturnType<typeof reopenableTestDb>>;
  const open: Instance[] = [];

  /** The service on the test's database (a restart or a second replica opens the same one). */
  async function startInstance(env: Record<string, string> = {}, now = Date.now()): Promise<Instance> {
    const db = await database.open();
    const config = loadConfig({
      NODE_ENV: 'test',
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      DATABASE_PATH: database.databasePath,
      SANDBOX_ENABLED: 'false',
      ...dingtalkEnv(sim, {
        DINGTALK_MODE: 'webhook',
        DINGTALK_CARD_CALLBACK_SECRET: CARD_SECRET,
        DINGTALK_CARD_TEMPLATE_ID: 'tpl-skb-generic.schema',
        DINGTALK_CORP_ID: CORP_ID,
        ...env,
      }),
    });
    const clock = { now };
    const app = await buildApp({ config, db, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), clock: () => clock.now });
    let closed = false;
    const instance: Instance = {
      app,
      db,
      clock,
      async close() {
        if (closed) return;
        closed = true;
        await app.close();
        await database.close(db);
      },
    };
    open.push(instance);
    return instance;
  }

  beforeAll(async () => {
    sim = await startDingTalkSimulator();
    attacker = createServer((request, response) => {
      attackerHits.push(`${request.method} ${request.url}`);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"errcode":0,"errmsg":"ok"}');
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await sim.close();
    await new Promise<void>((resolve) => attacker.close(() => resolve()));
  });

  beforeEach(async () => {
    database = await reopenableTestDb('callback_replay');
    const db = await database.open();
    const imported = await importOrg(db, readJsonRows(DINGTALK_ORG_ROWS), { now: Date.now(), actorUserId: null, source: 'cli' });
    await database.close(db);
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    sim.sent.length = 0;
    sim.requests.length = 0;
    attackerHits.length = 0;
  });
  afterEach(async () => {
    for (const instance of open.splice(0)) await instance.close();
    await database.dispose();
  });

  // ---- what "nothing happened" means -------------------------------------------------------

  async function count(db: Db, table: string): Promise<number> {
    return (await queryRows<{ n: number }>(db, sql`SELECT count(*) AS n FROM ${sql.identifier(table)}`))[0]!.n;
  }

  /** Every table's row count, what the service asked of DingTalk, and what it sent or updated. */
  async function snapshot(db: Db) {
    const tables = Object.entries(await tableRowCounts(db)).map(([name, n]) => `${name}:${n}`);
    const cardUpdates = [...sim.cards.values()].map((c) => `${c.outTrackId}:${c.updates}:${JSON.stringify(c.cardParamMap)}`);
    return { tables, dingtalkRequests: sim.requests.map((r) => `${r.method} ${r.path}`), sent: sim.sent.length, cardUpdates, attackerHits: [...attackerHits] };
  }

  /** Background work (replies) would have started by now; the refused requests must have started none. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  // ---- talking to the service as DingTalk does -----------------------------------------------

  function postRobot(instance: Instance, headers: Record<string, string>, body: unknown) {
    return instance.app.inject({ method: 'POST', url: '/webhooks/dingtalk/robot', headers, payload: typeof body === 'string' ? body : JSON.stringify(body) });
  }
  function postCard(instance: Instance, headers: Record<string, string>, body: unknown) {
    return instance.app.inject({ method: 'POST', url: '/webhooks/dingtalk/cards', headers, payload: typeof body === 'string' ? body : JSON.stringify(body) });
  }

  /** A genuine signed robot message, as DingTalk posts it; resolves once its reply arrived. */
  async function say(instance: Instance, staffId: string, text: string, options: { conversationType?: '1' | '2'; conversationId?: string } = {}) {
    const body = sim.robotMessage({ senderStaffId: staffId, text, ...options });
    const headers = robotHeaders(sim.clientSecret, instance.clock.now);
    const before = sim.sent.length;
    const response = await postRobot(instance, headers, body);
    expect(response.statusCode, response.body).toBe(200);
    const replies = await sim.waitFor(() => sim.sent.length > before && sim.sent.slice(before), `reply to "${text}"`);
    return { body, headers, replies };
  }

  /** The records menu (an interactive card) delivered to staffId by the card API; its first button's action. */
  async function menuCard(instance: Instance, staffId: string, options: { conversationType?: '1' | '2'; conversationId?: string } = {}) {
    const { replies } = await say(instance, staffId, '记录', options);
    expect(replies).toMatchObject([{ kind: 'card' }]);
    const outTrackId = String(replies[0]?.body.outTrackId);
    const card = sim.cards.get(outTrackId);
    if (!card) throw new Error('no card delivered');
    const buttons = JSON.parse(card.cardParamMap.buttons ?? '[]') as { text: string; action: string }[];
    const first = buttons[0];
    if (!first) throw new Error('the menu card has no button');
    return { outTrackId, action: first.action };
  }

  function click(outTrackId: string, userId: string, action: string) {
    return {
      type: 'actionCallback',
      outTrackId,
      corpId: CORP_ID,
      userId,
      content: JSON.stringify({ cardPrivateData: { actionIds: ['button'], params: { action } } }),
      spaceType: 'IM_ROBOT',
      spaceId: userId,
      userIdType: 1,
    };
  }

  const rankAction = JSON.stringify({ command: 'rank', args: {} });

  // ---- 1. stream mode ----------------------------------------------------------------------

  it('stream mode: the HTTP robot and card routes do not exist (404), even for correctly signed requests', async () => {
    const service = await startInstance({ DINGTALK_MODE: 'stream' });
    await service.app.ready();
    const before = await snapshot(service.db);

    const robotBody = sim.robotMessage({ senderStaffId: manager, text: '排行', sessionTtlMs: ONE_HOUR });
    const robot = await postRobot(service, robotHeaders(sim.clientSecret, service.clock.now), { ...robotBody, sessionWebhook: `${attackerUrl}/robot/sendBySession?session=x` });
    expect(robot.statusCode).toBe(404);
    const card = await postCard(service, cardHeaders(CARD_SECRET, service.clock.now), click('skb-any', manager, rankAction));
    expect(card.statusCode).toBe(404);

    await settle();
    expect(await snapshot(service.db)).toEqual(before);
    expect(sim.requests).toEqual([]);
    expect(attackerHits).toEqual([]);
  });

  // ---- 2. one signature, one body ------------------------------------------------------------

  it('robot: another body under captured headers gets 401 before it is parsed; the same body again is a 200 duplicate with no second reply', async () => {
    const service = await startInstance();
    // 撤销 with nothing to undo answers in text, which goes through the sessionWebhook (the help
    // card used to, when it was too big for a DingTalk card; it now fits and goes as a card).
    const genuine = await say(service, rep, '撤销');
    expect(genuine.replies).toMatchObject([{ kind: 'session' }]);
    expect(await count(service.db, 'dingtalk_callback_replays')).toBe(1);
    await settle();
    const before = await snapshot(service.db);

    // The captured headers with a forged body: the manager asking for the team ranking, replies to the attacker.
    const forged = { ...sim.robotMessage({ senderStaffId: manager, text: '排行' }), sessionWebhook: `${attackerUrl}/robot/sendBySession?session=x` };
    const refused = await postRobot(service, genuine.headers, forged);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toEqual({ error: 'REPLAYED_SIGNATURE' });
    // Not even parsed: a body that is not JSON gets the same 401, not the 400 a parsed body would get.
    const garbage = await postRobot(service, genuine.headers, '{"not json');
    expect(garbage.statusCode).toBe(401);

    const again = await postRobot(service, genuine.headers, genuine.body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ msgtype: 'empty' });

    await settle();
    expect(await snapshot(service.db)).toEqual(before);
    expect(attackerHits).toEqual([]);
  });

  it('card: another click under captured card headers gets 401; nothing runs, nothing is sent or updated; the same click again is a 200 duplicate', async () => {
    const service = await startInstance();
    const menu = await menuCard(service, rep);
    const headers = cardHeaders(CARD_SECRET, service.clock.now);
    const genuine = click(menu.outTrackId, rep, menu.action);
    const answered = await postCard(service, headers, genuine);
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ cardUpdateOptions: { updateCardDataByKey: true } });
    await settle();
    const before = await snapshot(service.db);

    // The rep's captured click, re-aimed: the manager (a real recipient elsewhere) reading the ranking.
    for (const forged of [click(menu.outTrackId, manager, rankAction), click(menu.outTrackId, rep, rankAction)]) {
      const refused = await postCard(service, headers, forged);
      expect(refused.statusCode).toBe(401);
      expect(refused.json()).toEqual({ error: 'REPLAYED_SIGNATURE' });
    }
    const again = await postCard(service, headers, genuine);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({});

    await settle();
    expect(await snapshot(service.db)).toEqual(before);
  });

  it('the binding is durable: after a restart on the same database the forged body still gets 401 and the genuine one is a duplicate', async () => {
    const first = await startInstance();
    const genuine = await say(first, rep, '帮助');
    await first.close();

    const restarted = await startInstance({}, first.clock.now + 5 * 60 * 1000);
    const before = await snapshot(restarted.db);
    const forged = sim.robotMessage({ senderStaffId: manager, text: '排行' });
    expect((await postRobot(restarted, genuine.headers, forged)).statusCode).toBe(401);
    expect((await postRobot(restarted, genuine.headers, genuine.body)).statusCode).toBe(200);
    await settle();
    expect(await snapshot(restarted.db)).toEqual(before);
  });

  it('two replicas on one database: the captured headers are bound for both, so the second replica refuses the forged body', async () => {
    const replicaA = await startInstance();
    const replicaB = await startInstance();
    const genuine = await say(replicaA, rep, '帮助');
    await settle();
    const before = await snapshot(replicaB.db);
    const forged = sim.robotMessage({ senderStaffId: manager, text: '排行' });
    const refused = await postRobot(replicaB, genuine.headers, forged);
    expect(refused.statusCode).toBe(401);
    await settle();
    expect(await snapshot(replicaB.db)).toEqual(before);
  });

  it('two requests racing under one signature: exactly one body is accepted', async () => {
    const service = await startInstance();
    const headers = robotHeaders(sim.clientSecret, service.clock.now);
    const bodies = [sim.robotMessage({ senderStaffId: rep, text: '帮助' }), sim.robotMessage({ senderStaffId: otherRep, text: '帮助' })];
    const answers = await Promise.all(bodies.map((body) => postRobot(service, headers, body)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 401]);
    await sim.waitFor(() => sim.sent.length > 0, 'the accepted reply');
    await settle();
    expect(sim.sent).toHaveLength(1);
    expect(await count(service.db, 'dingtalk_callback_replays')).toBe(1);
  });

  it('the claim is atomic across connections (two processes on one database): one body wins, the other is a conflict', async () => {
    const a = await database.open();
    const b = await database.open();
    try {
      const signed = { route: 'robot' as const, signedAt: 1_700_000_000_000, signature: 'sig' };
      expect(await createCallbackReplays(a).claim({ ...signed, bodySha256: 'body-x' }, 1)).toBe('first');
      expect(await createCallbackReplays(b).check({ ...signed, bodySha256: 'body-y' })).toBe('conflict');
      expect(await createCallbackReplays(b).claim({ ...signed, bodySha256: 'body-y' }, 2)).toBe('conflict');
      expect(await createCallbackReplays(b).claim({ ...signed, bodySha256: 'body-x' }, 3)).toBe('duplicate');
      expect(await createCallbackReplays(a).claim({ ...signed, route: 'card', bodySha256: 'body-y' }, 4)).toBe('first');
      expect(await count(a, 'dingtalk_callback_replays')).toBe(2);
    } finally {
      await database.close(a);
      await database.close(b);
    }
  });

  it('housekeeping forgets a signature once its timestamp has left the 1-hour window (the headers are refused as stale by then)', async () => {
    const service = await startInstance();
    const genuine = await say(service, rep, '帮助');
    const signedAt = service.clock.now;

    service.clock.now = signedAt + ONE_HOUR; // still inside the window: kept
    await service.app.jobs.run('housekeeping', { trigger: 'manual', periodKey: '2030-01-01' });
    expect(await count(service.db, 'dingtalk_callback_replays')).toBe(1);

    service.clock.now = signedAt + ONE_HOUR + 1;
    const run = await service.app.jobs.run('housekeeping', { trigger: 'manual', periodKey: '2030-01-02' });
    expect(run).toMatchObject({ status: 'succeeded' });
    expect(await count(service.db, 'dingtalk_callback_replays')).toBe(0);
    const forged = sim.robotMessage({ senderStaffId: manager, text: '排行' });
    const stale = await postRobot(service, genuine.headers, forged);
    expect(stale.statusCode).toBe(401);
    expect(stale.json()).toEqual({ error: 'BAD_SIGNATURE' });
  });

  // ---- 3. addressed to this app --------------------------------------------------------------

  it('a body for another robot or corp is refused (403) and stores nothing, so the genuine body still goes through under the same headers', async () => {
    const service = await startInstance();
    // Headers captured from a genuine request that has not reached the service yet (in flight).
    const headers = robotHeaders(sim.clientSecret, service.clock.now);
    const genuine = sim.robotMessage({ senderStaffId: rep, text: '撤销' });
    const before = await snapshot(service.db);

    const withoutRobotCode: Record<string, unknown> = { ...genuine };
    delete withoutRobotCode.robotCode;
    for (const forged of [
      { ...genuine, text: { content: ' 排行' }, senderStaffId: manager, robotCode: 'ding-other-robot' },
      { ...genuine, text: { content: ' 排行' }, senderStaffId: manager, chatbotCorpId: 'ding-other-corp' },
      { ...withoutRobotCode, senderStaffId: manager },
    ]) {
      const refused = await postRobot(service, headers, forged);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toEqual({ error: 'WRONG_APP' });
    }
    const cardRefused = await postCard(service, cardHeaders(CARD_SECRET, service.clock.now), { ...click('skb-any', manager, rankAction), corpId: 'ding-other-corp' });
    expect(cardRefused.statusCode).toBe(403);
    expect(cardRefused.json()).toEqual({ error: 'WRONG_APP' });

    await settle();
    expect(await snapshot(service.db)).toEqual(before);

    const accepted = await postRobot(service, headers, genuine);
    expect(accepted.statusCode).toBe(200);
    await sim.waitFor(() => sim.sentTo(genuine.conversationId).length > 0, 'the genuine reply');
  });

  // ---- 4. sessionWebhook only on DingTalk's host ------------------------------------------------

  it('a sessionWebhook outside the oapi origin is never called: the reply goes through the robot API (1:1 and group)', async () => {
    const service = await startInstance();
    // Headers captured in flight; the body's sessionWebhook swapped for another server.
    // A text answer (撤销 with nothing to undo): cards never use the sessionWebhook.
    const p2p = { ...sim.robotMessage({ senderStaffId: rep, text: '撤销' }), sessionWebhook: `${attackerUrl}/robot/sendBySession?session=x` };
    expect((await postRobot(service, robotHeaders(sim.clientSecret, service.clock.now), p2p)).statusCode).toBe(200);
    const [oto] = await sim.waitFor(() => sim.sentTo(rep).length > 0 && sim.sentTo(rep), '1:1 reply through batchSend');
    expect(oto?.kind).toBe('oto');

    // Same host as DingTalk's, other port; and a userinfo trick that only looks like the oapi host.
    const simHostPort = new URL(sim.url).host;
    const group = {
      ...sim.robotMessage({ senderStaffId: otherRep, text: '撤销', conversationType: '2', conversationId: 'cid-group-ssrf' }),
      sessionWebhook: `http://${simHostPort}@${new URL(attackerUrl).host}/robot/sendBySession?session=y`,
    };
    expect((await postRobot(service, robotHeaders(sim.clientSecret, service.clock.now + 1), group)).statusCode).toBe(200);
    const [groupReply] = await sim.waitFor(() => sim.sentTo('cid-group-ssrf').length > 0 && sim.sentTo('cid-group-ssrf'), 'group reply through groupMessages/send');
    expect(groupReply?.kind).toBe('group');

    await settle();
    expect(attackerHits).toEqual([]);
    expect(sim.sent.filter((s) => s.kind === 'session')).toEqual([]);
    expect(sim.requests.map((r) => r.path)).not.toContain('/robot/sendBySession');
  });

  // ---- 5. a card acts only for its recipients ---------------------------------------------------

  it("a click by a user the card was not delivered to is refused (403) and nothing changes; the recipient's own click works", async () => {
    const service = await startInstance();
    const menu = await menuCard(service, rep);
    await settle();
    expect(await queryRows(service.db, sql`SELECT platform, card_id AS "cardId", user_ref AS "userRef" FROM card_recipients`)).toEqual([
      { platform: 'dingtalk', cardId: menu.outTrackId, userRef: rep },
    ]);
    // Headers captured in flight from the rep's click; the body now says the manager clicked "rank".
    const headers = cardHeaders(CARD_SECRET, service.clock.now);
    const before = await snapshot(service.db);

    const refused = await postCard(service, headers, click(menu.outTrackId, manager, rankAction));
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({ error: 'NOT_A_RECIPIENT' });
    const unknownCard = await postCard(service, headers, click('skb-never-delivered', manager, rankAction));
    expect(unknownCard.statusCode).toBe(403);
    await settle();
    expect(await snapshot(service.db)).toEqual(before);

    const own = await postCard(service, headers, click(menu.outTrackId, rep, menu.action));
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ cardUpdateOptions: { updateCardDataByKey: true } });
  });

  it('a group card acts only for the user whose command it answers', async () => {
    const service = await startInstance();
    const menu = await menuCard(service, rep, { conversationType: '2', conversationId: 'cid-group-cards' });
    expect(sim.cards.get(menu.outTrackId)?.openSpaceId).toBe('dtv1.card//IM_GROUP.cid-group-cards');
    const groupClick = (userId: string, action: string) => ({ ...click(menu.outTrackId, userId, action), spaceType: 'IM_GROUP', spaceId: 'cid-group-cards' });
    await settle();
    const before = await snapshot(service.db);
    const refused = await postCard(service, cardHeaders(CARD_SECRET, service.clock.now), groupClick(otherRep, rankAction));
    expect(refused.statusCode).toBe(403);
    await settle();
    expect(await snapshot(service.db)).toEqual(before);
    expect((await postCard(service, cardHeaders(CARD_SECRET, service.clock.now + 1), groupClick(rep, menu.action))).statusCode).toBe(200);
  });

  it('card recipients are durable: after a restart the recipient may still click, a stranger may not', async () => {
    const first = await startInstance();
    const menu = await menuCard(first, rep);
    await first.close();

    const restarted = await startInstance({}, first.clock.now + 10 * 60 * 1000);
    const before = await snapshot(restarted.db);
    const refused = await postCard(restarted, cardHeaders(CARD_SECRET, restarted.clock.now), click(menu.outTrackId, otherRep, menu.action));
    expect(refused.statusCode).toBe(403);
    await settle();
    expect(await snapshot(restarted.db)).toEqual(before);
    const own = await postCard(restarted, cardHeaders(CARD_SECRET, restarted.clock.now + 1), click(menu.outTrackId, rep, menu.action));
    expect(own.statusCode, own.body).toBe(200);
  });
});
