import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrgRepository } from '../../src/db/repositories/org-repository.js';
import type { Channel, DirectorySnapshot } from '../../src/platforms/channel.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/test-app.js';

function snapshot(overrides: Partial<DirectorySnapshot> = {}): DirectorySnapshot {
  return {
    platform: 'feishu',
    departments: [
      { externalId: 'od-sales', name: '销售部', parentExternalId: '0', leaderExternalUserId: 'ou_boss' },
      { externalId: 'od-east', name: '华东一组', parentExternalId: 'od-sales', leaderExternalUserId: 'ou_wang' },
    ],
    users: [
      { externalId: 'ou_boss', ids: [{ kind: 'open_id', value: 'ou_boss' }], name: '周总监', employeeNo: 'S000', departmentExternalIds: ['od-sales'], managerExternalId: null, active: true, email: null, mobile: null },
      { externalId: 'ou_wang', ids: [{ kind: 'open_id', value: 'ou_wang' }, { kind: 'union_id', value: 'on_wang' }], name: '王经理', employeeNo: 'S100', departmentExternalIds: ['od-east'], managerExternalId: null, active: true, email: null, mobile: null },
      { externalId: 'ou_new', ids: [{ kind: 'open_id', value: 'ou_new' }], name: '新同事', employeeNo: null, departmentExternalIds: ['od-east'], managerExternalId: null, active: true, email: 'new@example.com', mobile: null },
      { externalId: 'ou_zhang', ids: [{ kind: 'open_id', value: 'ou_zhang' }], name: '张三', employeeNo: 'S101', departmentExternalIds: ['od-east'], managerExternalId: 'ou_boss', active: true, email: null, mobile: null },
    ],
    ...overrides,
  };
}

describe('org-sync job', () => {
  let t: TestApp;
  let directory: DirectorySnapshot;
  const runSync = async (period: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/admin/jobs/org-sync/run', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, payload: { period } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { status: string; result: { details: { platforms: Record<string, number>[] } } };
  };

  beforeEach(async () => {
    t = await createTestApp();
    directory = snapshot();
    // A stand-in channel whose directory the test controls; the real ones are tested in their own suites.
    const fake: Channel = {
      name: 'feishu',
      reply: async () => ({ platform: 'feishu', messageId: 'm' }),
      send: async () => ({ platform: 'feishu', messageId: 'm' }),
      fetchDirectory: async () => directory,
    };
    t.app.platformChannels.set('feishu', fake);
  });
  afterEach(async () => t.close());

  it('links existing people by employee number, creates newcomers as reps, sets managers from the platform', async () => {
    const out = await runSync('2026-11-27T02:00');
    expect(out.status).toBe('succeeded');
    expect(out.result.details.platforms[0]).toMatchObject({ platform: 'feishu', usersCreated: 1 });
    const org = createOrgRepository(t.db);
    expect((await org.findUserByIdentity('feishu', [{ kind: 'open_id', value: 'ou_wang' }]))?.employeeNo).toBe('S100');
    expect((await org.findUserByIdentity('feishu', [{ kind: 'union_id', value: 'on_wang' }]))?.employeeNo).toBe('S100');
    const newcomer = await org.findUserByIdentity('feishu', [{ kind: 'open_id', value: 'ou_new' }]);
    expect(newcomer).toMatchObject({ name: '新同事', roles: ['rep'], active: true });
    const zhang = (await org.getUserByEmployeeNo('S101'))!;
    expect(await org.managerOf(zhang.id)).toBe((await org.getUserByEmployeeNo('S000'))!.id);
    expect(await org.managerOf(newcomer!.id)).toBe((await org.getUserByEmployeeNo('S100'))!.id);
  });

  it('a second sync of the same directory changes nothing; someone who left is deactivated, not deleted', async () => {
    await runSync('2026-11-27T02:00');
    const again = await runSync('2026-11-27T03:00');
    expect(again.result.details.platforms[0]).toMatchObject({ usersCreated: 0, usersUpdated: 0, usersDeactivated: 0, departmentsCreated: 0, departmentsUpdated: 0 });

    directory = snapshot({ users: snapshot().users.filter((u) => u.externalId !== 'ou_zhang') });
    const after = await runSync('2026-11-28T02:00');
    expect(after.result.details.platforms[0]).toMatchObject({ usersDeactivated: 1 });
    expect(await createOrgRepository(t.db).getUserByEmployeeNo('S101')).toMatchObject({ active: false, name: '张三' });
  });

  it('never removes roles an admin or an import gave', async () => {
    await runSync('2026-11-27T02:00');
    expect((await createOrgRepository(t.db).getUserByEmployeeNo('S100'))?.roles).toEqual(['rep', 'manager']);
  });

  it('the same minute cannot sync twice', async () => {
    await runSync('2026-11-27T02:00');
    const second = await runSync('2026-11-27T02:00');
    expect(second.status).toBe('skipped');
  });
});
