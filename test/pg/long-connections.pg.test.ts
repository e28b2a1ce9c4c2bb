import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dingtalkEnv, dingtalkUserId } from '../helpers/dingtalk.js';
import { FEISHU_TEST_APP, feishuEnv, feishuIdsOf } from '../helpers/feishu.js';
import { importOrgThroughAdminApi, startServerProcess, tempDir, type ServerProcess } from '../helpers/feishu-server-process.js';
import { createPgDatabase } from '../helpers/pg-cluster.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../simulators/dingtalk/simulator.js';
import { createFeishuEventClient } from '../simulators/feishu/event-client.js';
import { startFeishuSimulator, type FeishuSimulator } from '../simulators/feishu/server.js';
import { importCustomers, orgRows, rep, seededRandom, sleep, unfinishedWork, until, visitsPerCustomer } from './long-connection-helpers.js';

useProcessTimeouts();

/**
 * Two instances on one PostgreSQL, each holding its own long connection, as the platforms allow
 * (../shared/platforms/feishu.md §6 cluster mode; dingtalk.md §1.7): the simulators give each event to
 * one connection at random, Feishu re-sends an event whose connection closed before its ack, and
 * DingTalk pushes some frames again to the other connection after a correct ACK. Every 拜访 is stored
 * once and answered once, through a rolling restart (SIGTERM, then a replacement) on Feishu too.
 */
const FIRST_EVENTS = 30;
const RESTART_EVENTS = 36;
const REPS = FIRST_EVENTS + RESTART_EVENTS;

/** Each rep visits their own customer: one visit row per event. */
const visitText = (i: number) => `拜访 ${rep(i).customer} 聊了方案`;

/** Pushes one after another with a gap (events arrive over time, not all at once), without waiting for the acks. */
async function paced<T>(count: number, gapMs: number, push: (i: number) => Promise<T>): Promise<Promise<T>[]> {
  const pushed: Promise<T>[] = [];
  for (let i = 0; i < count; i += 1) {
    pushed.push(push(i));
    await sleep(gapMs);
  }
  return pushed;
}

describe('Feishu long connection: two instances on one PostgreSQL', () => {
  let sim: FeishuSimulator;
  let temp: ReturnType<typeof tempDir>;
  let databaseUrl: string;
  const instances: ServerProcess[] = [];
  const feishu = createFeishuEventClient(FEISHU_TEST_APP);
  const start = (n: number) =>
    startServerProcess(
      { ...feishuEnv(sim.url, 'ws'), DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '4', APP_INSTANCES: '2', OUTBOX_LEASE_MS: '4000' },
      join(temp.dir, `feishu-${n}.db`),
    );
  const event = (i: number) => feishu.messageEvent({ sender: feishuIdsOf(rep(i).employeeNo), text: visitText(i), messageId: `om_lc_${i}` });
  /** Replies at the simulator per message id, for the events first..first+count-1. */
  const repliesTo = (first: number, count: number) => {
    const ids = new Set(Array.from({ length: count }, (_, k) => `om_lc_${first + k}`));
    const counts = new Map<string, number>();
    for (const s of sim.sent) if (s.kind === 'reply' && s.replyTo && ids.has(s.replyTo)) counts.set(s.replyTo, (counts.get(s.replyTo) ?? 0) + 1);
    return counts;
  };
  /** All handled: every event 'done', every reply sent, and the visits stored. */
  async function settled(handled: number, first: number, count: number): Promise<boolean> {
    const work = await unfinishedWork(databaseUrl, 'feishu');
    return work.events.done === handled && Object.keys(work.events).length === 1 && work.outboxUnsent === 0 && repliesTo(first, count).size === count && (await visitsPerCustomer(databaseUrl)).size === handled;
  }

  beforeAll(async () => {
    sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret, random: seededRandom(21) });
    temp = tempDir();
    databaseUrl = await createPgDatabase(inject('pgClusterUrl'), `long_connections_feishu_${process.pid}`);
    instances.push(await start(0), await start(1));
    await importOrgThroughAdminApi(instances[0]?.url as string, orgRows(REPS));
    await importCustomers(instances[1]?.url as string, REPS);
    await until(() => sim.ws.readyConnections === 2, 'both instances connected');
  });
  afterAll(async () => {
    for (const instance of instances) await instance.stop();
    await sim?.close();
    temp?.cleanup();
  });

  it(`gives each of ${FIRST_EVENTS} events to one connection at random: both get some, each is stored and answered once`, async () => {
    const acks = await Promise.all(await paced(FIRST_EVENTS, 20, (i) => sim.ws.push(event(i))));
    expect(acks.every((ack) => ack.code === 200)).toBe(true);
    await until(() => settled(FIRST_EVENTS, 0, FIRST_EVENTS), `${FIRST_EVENTS} events handled`);
    await sleep(500);

    const perConnection = sim.ws.deliveries();
    expect(perConnection.map((c) => c.open)).toEqual([true, true]);
    expect(perConnection.every((c) => c.events > 0), JSON.stringify(perConnection)).toBe(true);
    expect(perConnection.reduce((sum, c) => sum + c.events, 0)).toBe(FIRST_EVENTS);
    expect(sim.ws.redelivered).toBe(0);
    expect([...repliesTo(0, FIRST_EVENTS).values()].filter((n) => n !== 1)).toEqual([]);
    const visits = await visitsPerCustomer(databaseUrl);
    expect(visits.size).toBe(FIRST_EVENTS);
    expect([...visits.values()].filter((n) => n !== 1)).toEqual([]);
    expect(await unfinishedWork(databaseUrl, 'feishu')).toEqual({ events: { done: FIRST_EVENTS }, outboxUnsent: 0 });
    for (const instance of instances) expect(instance.output()).not.toContain('"level":50');
  });

  it('survives a rolling restart: SIGTERM to one instance mid-stream, its share moves to the other, a replacement joins', async () => {
    const third = RESTART_EVENTS / 3;
    const push = (k: number) => sim.ws.push(event(FIRST_EVENTS + k));
    // Replies answered late for a while: the stopping instance has sends in flight when SIGTERM comes,
    // so its shutdown (settle, then close the connection, then drain) lasts while events keep arriving.
    sim.fail('slow', 4_000, { delayMs: 1_500 });
    const beforeStop = await paced(third, 50, (k) => push(k));
    const stopped = instances.shift() as ServerProcess;
    const atSigterm = sim.ws.deliveries();
    const exit = stopped.stop();
    const duringStop = await paced(third, 100, (k) => push(third + k));
    expect(await exit, stopped.output()).toBe(0);
    await until(() => sim.ws.readyConnections === 1, 'the stopped instance to close its connection');
    const closed = sim.ws.deliveries().filter((c) => !c.open);
    expect(closed).toHaveLength(1);
    // Its connection closes once the work in hand is settled: what reached it meanwhile it handled itself.
    const duringShutdown = (closed[0]?.events ?? 0) - (atSigterm.find((c) => c.connection === closed[0]?.connection)?.events ?? 0);

    instances.push(await start(2));
    await until(() => sim.ws.readyConnections === 2, 'the replacement to connect');
    const afterRestart = await paced(third, 50, (k) => push(2 * third + k));
    const acks = await Promise.all(beforeStop.concat(duringStop, afterRestart));
    expect(acks.every((ack) => ack.code === 200)).toBe(true);
    await until(() => settled(REPS, FIRST_EVENTS, RESTART_EVENTS), `${RESTART_EVENTS} more events handled`);
    await sleep(500);

    const perConnection = sim.ws.deliveries();
    // The stopped instance's connection was given nothing after it closed; the replacement's got a share.
    expect(perConnection.find((c) => c.connection === closed[0]?.connection)?.events).toBe(closed[0]?.events);
    expect(perConnection).toHaveLength(3);
    expect(perConnection[2]).toMatchObject({ open: true, events: expect.any(Number) });
    expect(perConnection[2]?.events).toBeGreaterThan(0);
    expect(perConnection.reduce((sum, c) => sum + c.events, 0)).toBe(FIRST_EVENTS + RESTART_EVENTS + sim.ws.redelivered);
    expect([...repliesTo(FIRST_EVENTS, RESTART_EVENTS).values()].filter((n) => n !== 1)).toEqual([]);
    const visits = await visitsPerCustomer(databaseUrl);
    expect(visits.size).toBe(REPS);
    expect([...visits.values()].filter((n) => n !== 1)).toEqual([]);
    expect(await unfinishedWork(databaseUrl, 'feishu')).toEqual({ events: { done: REPS }, outboxUnsent: 0 });
    for (const instance of [stopped, ...instances]) expect(instance.output()).not.toContain('"level":50');
    console.log(`long connections: rolling restart, ${duringShutdown} events reached the stopping instance after SIGTERM, ${sim.ws.redelivered} re-sent after its close`);
  });
});

describe('DingTalk Stream: two instances on one PostgreSQL', () => {
  const MESSAGES = 30;
  const RESTART_MESSAGES = 30;
  let sim: DingTalkSimulator;
  let temp: ReturnType<typeof tempDir>;
  let databaseUrl: string;
  const instances: ServerProcess[] = [];
  const start = (n: number) =>
    startServerProcess({ ...dingtalkEnv(sim, { DINGTALK_MODE: 'stream' }), SANDBOX_ENABLED: 'false', DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '4', APP_INSTANCES: '2' }, join(temp.dir, `dingtalk-${n}.db`));
  type Pushed = ReturnType<DingTalkSimulator['pushRobotMessage']>;
  const everyMessage: Pushed[] = [];
  const push = (i: number) => {
    const pushed = sim.pushRobotMessage({ senderStaffId: dingtalkUserId(rep(i).employeeNo), text: visitText(i) });
    everyMessage.push(pushed);
    return Promise.resolve(pushed);
  };
  const ackCount = (messageId: string) => sim.stream.acks.filter((a) => a.messageId === messageId).length;
  /** Replies at the simulator per msgId (each message has its own sessionWebhook); anything else under "other:…". */
  function repliesPerMsgId(): Map<string, number> {
    const msgIdBySession = new Map(everyMessage.map((m) => [new URL(m.payload.sessionWebhook).searchParams.get('session'), m.payload.msgId]));
    const counts = new Map<string, number>();
    for (const s of sim.sent) {
      const key = (s.session ? msgIdBySession.get(s.session) : undefined) ?? `other:${s.kind}:${s.to}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }
  /** Every push and duplicate acked, every message 'done' with its reply sent, the visits stored. */
  async function settled(): Promise<boolean> {
    if (!everyMessage.every((m) => ackCount(m.messageId) >= 1) || !sim.stream.duplicates.every((d) => ackCount(d.messageId) >= 2)) return false;
    const work = await unfinishedWork(databaseUrl, 'dingtalk');
    return work.events.done === everyMessage.length && work.outboxUnsent === 0 && repliesPerMsgId().size >= everyMessage.length && (await visitsPerCustomer(databaseUrl)).size === everyMessage.length;
  }
  /** What is not settled yet, for a timeout's message. */
  async function unsettled(): Promise<string> {
    const unacked = everyMessage.filter((m) => ackCount(m.messageId) < 1).map((m) => m.messageId);
    const duplicatesUnacked = sim.stream.duplicates.filter((d) => ackCount(d.messageId) < 2).map((d) => d.messageId);
    const work = await unfinishedWork(databaseUrl, 'dingtalk');
    const visits = (await visitsPerCustomer(databaseUrl)).size;
    return JSON.stringify({ messages: everyMessage.length, unacked, duplicatesUnacked, work, visits, replies: repliesPerMsgId().size, repushes: sim.stream.repushes, connections: sim.stream.pushesByConnection() });
  }
  async function expectEachHandledOnce(): Promise<void> {
    await until(settled, `${everyMessage.length} messages handled`, 60_000, unsettled);
    await sleep(500);
    const replies = repliesPerMsgId();
    expect([...replies.keys()].sort()).toEqual(everyMessage.map((m) => m.payload.msgId).sort());
    expect([...replies.values()].filter((n) => n !== 1)).toEqual([]);
    const visits = await visitsPerCustomer(databaseUrl);
    expect(visits.size).toBe(everyMessage.length);
    expect([...visits.values()].filter((n) => n !== 1)).toEqual([]);
    expect(await unfinishedWork(databaseUrl, 'dingtalk')).toEqual({ events: { done: everyMessage.length }, outboxUnsent: 0 });
    // Duplicates after a correct ACK happened, each on a connection other than the one that acked the frame.
    expect(sim.stream.duplicates.length).toBeGreaterThan(0);
    expect(sim.stream.duplicates.filter((d) => d.ackedOn === d.pushedOn)).toEqual([]);
  }

  beforeAll(async () => {
    // Four in ten ACKed frames come again on the other connection; a push nobody acknowledged comes again 3 s later.
    sim = await startDingTalkSimulator({ random: seededRandom(7), duplicateShare: 0.4, repushAfterMs: 3_000 });
    temp = tempDir();
    databaseUrl = await createPgDatabase(inject('pgClusterUrl'), `long_connections_dingtalk_${process.pid}`);
    instances.push(await start(0), await start(1));
    await importOrgThroughAdminApi(instances[0]?.url as string, orgRows(MESSAGES + RESTART_MESSAGES));
    await importCustomers(instances[1]?.url as string, MESSAGES + RESTART_MESSAGES);
    await until(() => sim.stream.openConnections() === 2, 'both instances connected');
  });
  afterAll(async () => {
    for (const instance of instances) await instance.stop();
    await sim?.close();
    temp?.cleanup();
  });

  it(`gives each push to one connection at random and some again to the other: ${MESSAGES} messages, one visit and one reply each`, async () => {
    await Promise.all(await paced(MESSAGES, 30, push));
    await expectEachHandledOnce();
    const perConnection = sim.stream.pushesByConnection();
    expect(perConnection).toHaveLength(2);
    expect(perConnection.every((c) => c.pushes > 0), JSON.stringify(perConnection)).toBe(true);
    expect(perConnection.reduce((sum, c) => sum + c.pushes, 0)).toBe(MESSAGES + sim.stream.duplicates.length + sim.stream.repushes);
    for (const instance of instances) expect(instance.output()).not.toContain('"level":50');
    console.log(`long connections: DingTalk pushes per connection ${perConnection.map((c) => c.pushes).join(' / ')}, ${sim.stream.duplicates.length} duplicated after the ACK`);
  });

  it('survives a rolling restart: SIGTERM to one instance mid-stream, then a replacement; each message still handled once', async () => {
    const third = RESTART_MESSAGES / 3;
    await Promise.all(await paced(third, 30, (k) => push(MESSAGES + k)));
    const stopped = instances.shift() as ServerProcess;
    const atSigterm = sim.stream.pushesByConnection();
    const exit = stopped.stop();
    await Promise.all(await paced(third, 60, (k) => push(MESSAGES + third + k)));
    expect(await exit, stopped.output()).toBe(0);
    await until(() => sim.stream.openConnections() === 1, 'the stopped instance to close its connection');
    const [closed, ...moreClosed] = sim.stream.pushesByConnection().filter((c) => !c.open);
    expect(moreClosed).toEqual([]);
    const duringShutdown = (closed?.pushes ?? 0) - (atSigterm.find((c) => c.connectionId === closed?.connectionId)?.pushes ?? 0);

    instances.push(await start(2));
    await until(() => sim.stream.openConnections() === 2, 'the replacement to connect');
    await Promise.all(await paced(third, 30, (k) => push(MESSAGES + 2 * third + k)));
    await expectEachHandledOnce();
    const perConnection = sim.stream.pushesByConnection();
    // Nothing was pushed on the stopped connection after it closed; the replacement took a share.
    expect(perConnection.find((c) => c.connectionId === closed?.connectionId)?.pushes).toBe(closed?.pushes);
    expect(perConnection).toHaveLength(3);
    expect(perConnection[2]?.pushes).toBeGreaterThan(0);
    for (const instance of [stopped, ...instances]) expect(instance.output()).not.toContain('"level":50');
    console.log(`long connections: DingTalk rolling restart, ${duringShutdown} pushes reached the stopping instance after SIGTERM, ${sim.stream.repushes} pushed again unacknowledged`);
  });
});
