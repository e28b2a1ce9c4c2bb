import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createDingTalkApi } from '../../src/platforms/dingtalk/api.js';
import { createDingTalkApiClient } from '../../src/platforms/dingtalk/api-client.js';
import { createDingTalkChannel } from '../../src/platforms/dingtalk/channel.js';
import { demoDirectory, type SimUser } from '../simulators/dingtalk/directory-data.js';
import { memoryCardRecipients } from '../helpers/dingtalk.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../simulators/dingtalk/simulator.js';

const logger = pino({ level: 'silent' });

describe('DingTalk fetchDirectory against the simulator', () => {
  let sim: DingTalkSimulator;
  afterEach(async () => {
    await sim.close();
  });

  function channelFor(s: DingTalkSimulator) {
    const client = createDingTalkApiClient({ clientId: s.clientId, clientSecret: s.clientSecret, apiBaseUrl: s.url, oapiBaseUrl: s.url, logger, backoffBaseMs: 5 });
    return createDingTalkChannel({ api: createDingTalkApi(client, { robotCode: s.clientId, logger }), logger, clock: Date.now, cardTemplateId: undefined, callbackType: 'STREAM', callbackRouteKey: s.clientId, cardRecipients: memoryCardRecipients() });
  }

  it('walks the department tree from 1 and reads users with managers and leaders', async () => {
    sim = await startDingTalkSimulator();
    const snapshot = await channelFor(sim).fetchDirectory?.();
    if (!snapshot) throw new Error('fetchDirectory missing');
    expect(snapshot.platform).toBe('dingtalk');
    expect(snapshot.departments).toEqual([
      { externalId: '1', name: '示例销售公司', parentExternalId: null, leaderExternalUserId: null },
      { externalId: '10', name: '销售部', parentExternalId: '1', leaderExternalUserId: 'dt-s000' },
      { externalId: '20', name: '人力资源部', parentExternalId: '1', leaderExternalUserId: 'dt-h001' },
      { externalId: '11', name: '华东一组', parentExternalId: '10', leaderExternalUserId: 'dt-s100' },
      { externalId: '12', name: '华南二组', parentExternalId: '10', leaderExternalUserId: 'dt-s200' },
    ]);
    expect(snapshot.users).toHaveLength(14);
    expect(snapshot.users.find((u) => u.externalId === 'dt-s101')).toEqual({
      externalId: 'dt-s101',
      ids: [
        { kind: 'userId', value: 'dt-s101' },
        { kind: 'unionId', value: 'u-s101' },
      ],
      name: '张三',
      employeeNo: 'S101',
      departmentExternalIds: ['11'],
      managerExternalId: 'dt-s100',
      active: true,
      email: null,
      mobile: '13800010100',
    });
    // Listsub is one level per call: one call per department, starting at the root.
    expect(sim.requests.filter((r) => r.path === '/topapi/v2/department/listsub')).toHaveLength(5);
  });

  it('pages through large departments, keeps a user in several departments once, and reports inactive users', async () => {
    const directory = demoDirectory();
    const many: SimUser[] = Array.from({ length: 230 }, (_, i) => ({ userid: `bulk-${i}`, unionid: `ub-${i}`, name: `员工${i}`, dept_id_list: [11] }));
    directory.users.push(...many);
    const twoDepts = directory.users.find((u) => u.userid === 'dt-h001');
    if (twoDepts) twoDepts.dept_id_list = [20, 10];
    const leaver = directory.users.find((u) => u.userid === 'dt-s105');
    if (leaver) leaver.active = false;
    sim = await startDingTalkSimulator({ directory });
    const snapshot = await channelFor(sim).fetchDirectory?.();
    if (!snapshot) throw new Error('fetchDirectory missing');
    expect(snapshot.users).toHaveLength(14 + 230);
    expect(snapshot.users.filter((u) => u.externalId === 'dt-h001')).toHaveLength(1);
    expect(snapshot.users.find((u) => u.externalId === 'dt-h001')?.departmentExternalIds.sort()).toEqual(['10', '20']);
    expect(snapshot.users.find((u) => u.externalId === 'dt-s105')?.active).toBe(false);
    expect(snapshot.users.find((u) => u.externalId === 'bulk-0')?.employeeNo).toBeNull();
    // 235 members of 华东一组 at 100 per page: 3 pages.
    const listCalls = sim.requests.filter((r) => r.path === '/topapi/v2/user/list').length;
    expect(listCalls).toBe(5 + 2);
  });

  it('surfaces a TOP API error instead of returning a partial directory', async () => {
    sim = await startDingTalkSimulator();
    sim.failNext('/topapi/v2/user/list', 1, 200, { errcode: 60011, errmsg: '无权限' });
    await expect(channelFor(sim).fetchDirectory?.()).rejects.toThrow(/60011/);
  });
});
