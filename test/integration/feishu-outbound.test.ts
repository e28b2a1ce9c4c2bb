import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardReply, textReply } from '../../src/domain/card-model.js';
import { createFeishuApi } from '../../src/platforms/feishu/api.js';
import { createFeishuChannel, type FeishuChannel } from '../../src/platforms/feishu/channel.js';
import { createRateLimiter } from '../../src/platforms/feishu/rate-limiter.js';
import { FEISHU_TEST_APP } from '../helpers/feishu.js';
import { createVirtualTime } from '../helpers/virtual-time.js';
import { startFeishuSimulator, type FeishuSimulator } from '../simulators/feishu/server.js';

const card = cardReply({ template: 'note', title: '周报', elements: [{ type: 'markdown', text: '本周 3 次拜访' }] });

describe('Feishu outbound through the SDK client (simulator)', () => {
  let sim: FeishuSimulator;
  let channel: FeishuChannel;

  beforeAll(async () => {
    sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret, contactPageSize: 2 });
    channel = createFeishuChannel({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret, baseUrl: sim.url, publicBaseUrl: 'https://kpi.example.com', logger: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await channel.close();
    await sim.close();
  });

  it('pushes text and cards to a user by open_id with the idempotency key as uuid, once per key', async () => {
    const before = sim.sent.length;
    const first = await channel.send({ platform: 'feishu', userRef: 'ou_s101' }, card, { idempotencyKey: 'weekly:2026-W48:ou_s101' });
    const again = await channel.send({ platform: 'feishu', userRef: 'ou_s101' }, card, { idempotencyKey: 'weekly:2026-W48:ou_s101' });
    await channel.send({ platform: 'feishu', userRef: 'ou_s101' }, textReply('你好'), { idempotencyKey: 'hello:1' });
    expect(again.messageId).toBe(first.messageId);
    const records = sim.sent.slice(before);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ kind: 'create', receiveIdType: 'open_id', receiveId: 'ou_s101', msgType: 'interactive', uuid: 'weekly:2026-W48:ou_s101', content: { schema: '2.0' } });
    expect(records[1]).toMatchObject({ msgType: 'text', content: { text: '你好' } });
  });

  it('hashes idempotency keys longer than Feishu allows', async () => {
    const before = sim.sent.length;
    await channel.send({ platform: 'feishu', userRef: 'ou_s102' }, textReply('x'), { idempotencyKey: `approval:${'9'.repeat(80)}` });
    expect(sim.sent.slice(before)[0]?.uuid?.length).toBeLessThanOrEqual(50);
  });

  it('updates a sent card in place', async () => {
    const sent = await channel.send({ platform: 'feishu', userRef: 'ou_s103' }, card, { idempotencyKey: 'upd:1' });
    await channel.updateCard!(sent, cardReply({ template: 'note', title: '已审批', elements: [{ type: 'markdown', text: '通过' }] }));
    expect(sim.patches.at(-1)).toMatchObject({ messageId: sent.messageId, content: { schema: '2.0', header: { title: { content: '已审批' } } } });
  });

  it('keeps under 5 messages per second to one user', async () => {
    // The channel's limiter and the simulator share a virtual clock that moves only while every send
    // waits on the limiter: the simulator judges "per second" by what the limiter decided, not by how
    // fast a loaded machine happened to carry the requests.
    const time = createVirtualTime(Date.parse('2026-11-27T10:00:00+08:00'));
    const paced = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret, clock: time.now });
    const options = { appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret, baseUrl: paced.url, logger: pino({ level: 'silent' }) };
    const limiter = createRateLimiter({ appPerSecond: 50, appPerMinute: 1000, keyPerSecond: 5, now: time.now, sleep: time.sleep });
    const pacedChannel = createFeishuChannel({ ...options, publicBaseUrl: 'https://kpi.example.com', api: createFeishuApi({ ...options, limiter }) });
    try {
      await time.run(Array.from({ length: 8 }, (_, i) => pacedChannel.send({ platform: 'feishu', userRef: 'ou_s104' }, textReply(`第 ${i} 条`), { idempotencyKey: `burst:${i}` })));
      expect(paced.sent).toHaveLength(8);
      // The simulator answers 230020 past 5/s per receiver: none were needed.
      expect(paced.attempts.every((a) => a.status === 200)).toBe(true);
      const at = paced.sent.map((r) => r.at).sort((a, b) => a - b);
      for (let i = 5; i < at.length; i += 1) expect((at[i] as number) - (at[i - 5] as number)).toBeGreaterThanOrEqual(1000);
    } finally {
      await pacedChannel.close();
      await paced.close();
    }
  });

  it('backs off on 230020 and on 5xx, then delivers once', async () => {
    for (const kind of ['230020', '5xx'] as const) {
      const before = sim.sent.length;
      const attemptsBefore = sim.attempts.length;
      // The next call fails, however long it takes to arrive.
      sim.failNext(kind, 1);
      await channel.send({ platform: 'feishu', userRef: 'ou_s105' }, textReply(kind), { idempotencyKey: `fault:${kind}` });
      expect(sim.sent.slice(before)).toHaveLength(1);
      expect(sim.attempts.slice(attemptsBefore).map((a) => a.status)).toEqual([kind === '5xx' ? 503 : 400, 200]);
    }
  });

  it('retries a send whose answer timed out with the same uuid, so Feishu keeps one message', async () => {
    const options = { appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret, baseUrl: sim.url, logger: pino({ level: 'silent' }) };
    const impatient = createFeishuChannel({ ...options, publicBaseUrl: 'https://kpi.example.com', api: createFeishuApi({ ...options, requestTimeoutMs: 300 }) });
    try {
      await impatient.send({ platform: 'feishu', userRef: 'ou_s201' }, textReply('warm-up'), { idempotencyKey: 'timeout:warm' });
      const before = sim.sent.length;
      const attemptsBefore = sim.attempts.length;
      // The next send is stored but answered after the client gave up waiting.
      sim.failNext('slow', 1, { delayMs: 1000 });
      await impatient.send({ platform: 'feishu', userRef: 'ou_s201' }, textReply('慢'), { idempotencyKey: 'timeout:1' });
      expect(sim.attempts.length - attemptsBefore).toBeGreaterThanOrEqual(2);
      expect(sim.sent.slice(before)).toHaveLength(1);
    } finally {
      await impatient.close();
    }
  });

  it('reads the whole directory through the paged contact API', async () => {
    sim.setContacts({
      departments: [
        { open_department_id: 'od_sales', name: '销售部', parent_department_id: '0', leader_user_id: 'ou_s000' },
        { open_department_id: 'od_east', name: '华东一组', parent_department_id: 'od_sales', leader_user_id: 'ou_s100' },
        { open_department_id: 'od_south', name: '华南二组', parent_department_id: 'od_sales', leader_user_id: 'ou_s200' },
        { open_department_id: 'od_gone', name: '已撤销', parent_department_id: 'od_sales', status: { is_deleted: true } },
      ],
      users: [
        { open_id: 'ou_s000', union_id: 'on_s000', name: '周总监', employee_no: 'S000', department_ids: ['od_sales'] },
        { open_id: 'ou_s100', union_id: 'on_s100', user_id: 'us100', name: '王经理', employee_no: 'S100', department_ids: ['od_east'], leader_user_id: 'ou_s000' },
        { open_id: 'ou_s101', name: '张三', employee_no: 'S101', department_ids: ['od_east'], leader_user_id: 'ou_s100' },
        { open_id: 'ou_s102', name: '李四', employee_no: 'S102', department_ids: ['od_east', 'od_south'], leader_user_id: 'ou_s100' },
        { open_id: 'ou_s103', name: '赵敏', department_ids: ['od_east'], status: { is_resigned: true } },
        { open_id: 'ou_s200', name: '陈经理', employee_no: 'S200', department_ids: ['od_south'], leader_user_id: 'ou_s000' },
        { open_id: 'ou_s201', name: '刘洋', employee_no: 'S201', department_ids: ['od_south'], leader_user_id: 'ou_s200', email: 'liu@example.com' },
        { open_id: 'ou_root', name: '顶层员工', department_ids: ['0'] },
      ],
    });
    const snapshot = await channel.fetchDirectory!();
    expect(snapshot.platform).toBe('feishu');
    expect(snapshot.departments.map((d) => d.externalId).sort()).toEqual(['od_east', 'od_sales', 'od_south']);
    expect(snapshot.departments.find((d) => d.externalId === 'od_east')).toEqual({ externalId: 'od_east', name: '华东一组', parentExternalId: 'od_sales', leaderExternalUserId: 'ou_s100' });
    expect(snapshot.departments.find((d) => d.externalId === 'od_sales')?.parentExternalId).toBeNull();
    expect(snapshot.users).toHaveLength(8);
    expect(snapshot.users.find((u) => u.externalId === 'ou_s100')).toEqual({
      externalId: 'ou_s100',
      ids: [{ kind: 'open_id', value: 'ou_s100' }, { kind: 'union_id', value: 'on_s100' }, { kind: 'user_id', value: 'us100' }],
      name: '王经理',
      employeeNo: 'S100',
      departmentExternalIds: ['od_east'],
      managerExternalId: 'ou_s000',
      active: true,
      email: null,
      mobile: null,
    });
    expect(snapshot.users.find((u) => u.externalId === 'ou_s103')?.active).toBe(false);
    expect(snapshot.users.find((u) => u.externalId === 'ou_s102')?.departmentExternalIds).toEqual(['od_east', 'od_south']);
    expect(snapshot.users.find((u) => u.externalId === 'ou_root')?.departmentExternalIds).toEqual([]);
  });
});
