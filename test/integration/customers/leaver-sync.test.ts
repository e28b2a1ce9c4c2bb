import { afterEach, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { tablesOf } from '../../../src/db/dialect.js';
import type { Channel, DirectorySnapshot, DirectoryUser } from '../../../src/platforms/channel.js';
import { seedCustomer, userIdOf } from '../../helpers/records.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../helpers/test-app.js';

const person = (externalId: string, name: string, employeeNo: string, active: boolean, managerExternalId: string | null = null): DirectoryUser => ({
  externalId,
  ids: [{ kind: 'open_id', value: externalId }],
  name,
  employeeNo,
  departmentExternalIds: ['od-east'],
  managerExternalId,
  active,
  email: null,
  mobile: null,
});

const directory = (zhangActive: boolean): DirectorySnapshot => ({
  platform: 'feishu',
  departments: [{ externalId: 'od-east', name: '华东一组', parentExternalId: '0', leaderExternalUserId: 'ou_wang' }],
  users: [person('ou_wang', '王经理', 'S100', true), person('ou_zhang', '张三', 'S101', zhangActive, 'ou_wang')],
});

describe('a rep the org sync deactivates', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('hands their customers to the manager\'s list: one card, queued by the sync', async () => {
    t = await createTestApp();
    let snapshot = directory(true);
    const fake: Channel = { name: 'feishu', reply: async () => ({ platform: 'feishu', messageId: 'm' }), send: async () => ({ platform: 'feishu', messageId: 'm' }), fetchDirectory: async () => snapshot };
    t.app.platformChannels.set('feishu', fake);
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101' });
    const sync = async (period: string) => {
      const response = await t.app.inject({ method: 'POST', url: '/admin/jobs/org-sync/run', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, payload: { period } });
      expect(response.statusCode, response.body).toBe(200);
    };
    const { outbox } = tablesOf(t.db);
    const handoverCards = async () => (await t.db.select().from(outbox).orderBy(asc(outbox.id))).filter((m) => m.idempotencyKey.startsWith('leaver-handover:'));

    await sync('2026-11-27T02:00');
    expect(await handoverCards()).toEqual([]);
    snapshot = directory(false);
    await sync('2026-11-28T02:00');
    const cards = await handoverCards();
    expect(cards.map((c) => c.idempotencyKey)).toEqual([expect.stringMatching(new RegExp(`^leaver-handover:user-${await userIdOf(t.db, 'S101')}:\\d+:to-${await userIdOf(t.db, 'S100')}$`))]);
    expect(JSON.stringify(cards[0]?.payload)).toContain('华为技术有限公司');
  });
});
