import { afterEach, describe, expect, it } from 'vitest';
import { createCustomerOwnerRepository } from '../../../src/db/repositories/customer-owner-repository.js';
import { createDingTalkJourney } from '../../helpers/journeys/dingtalk.js';
import { createFeishuJourney } from '../../helpers/journeys/feishu.js';
import { nth, wasRefused, type Journey } from '../../helpers/journeys/types.js';
import { auditRows, seedCustomer, userIdOf } from '../../helpers/records.js';
import { TEST_ADMIN_TOKEN } from '../../helpers/test-app.js';

const TRANSPORTS: [string, () => Promise<Journey>][] = [
  ['feishu-webhook', () => createFeishuJourney('webhook')],
  ['dingtalk-stream', () => createDingTalkJourney('stream')],
  ['dingtalk-http', () => createDingTalkJourney('http')],
];

/** The org file an admin uploads with 张三 marked as having left. */
async function importZhangLeft(j: Journey): Promise<void> {
  const rows = [{ department: '销售部/华东一组', name: '张三', employee_no: 'S101', roles: 'rep', active: '离职' }];
  const response = await j.t.app.inject({ method: 'POST', url: '/admin/org/import', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, payload: { rows } });
  expect(response.statusCode, response.body).toBe(200);
}

describe.each(TRANSPORTS)('a leaver\'s customers go to the manager\'s handover list (%s)', (_name, open) => {
  let j: Journey;
  afterEach(() => j.close());

  it('an org import that deactivates a rep puts a card with 分配给… in front of the manager; one customer, then the rest, by click', async () => {
    j = await open();
    const huawei = await seedCustomer(j.t.db, { name: '华为技术有限公司', owner: 'S101' });
    const tencent = await seedCustomer(j.t.db, { name: '腾讯科技', owner: 'S101' });
    const zhang = await userIdOf(j.t.db, 'S101');
    const li = await userIdOf(j.t.db, 'S102');
    const zhao = await userIdOf(j.t.db, 'S103');

    await importZhangLeft(j);
    await j.deliverQueued();
    const card = nth(j, 'S100', '离职交接');
    expect(card.text).toContain('华为技术有限公司');
    expect(card.text).toContain('腾讯科技');

    // Another team's manager cannot use the card.
    expect(wasRefused(await j.click('S200', card, '分配给', { customer: String(huawei.id), rep: String(li) }))).toBe(true);

    const one = await j.click('S100', card, '分配给', { customer: String(huawei.id), rep: String(li) });
    expect(one.toast?.text).toContain('已分配 1 个客户给 李四');
    const owners = createCustomerOwnerRepository(j.t.db);
    expect((await owners.get(huawei.id))?.ownerUserId).toBe(li);
    expect((await owners.get(tencent.id))?.ownerUserId).toBe(zhang);

    const rest = await j.click('S100', one.card ?? card, '分配给', { customer: 'all', rep: String(zhao) });
    expect(rest.toast?.text).toContain('已分配 1 个客户给 赵敏');
    expect(rest.card?.title).toContain('离职交接完成');
    // Nothing is orphaned: the leaver owns nothing, and each move is in the history and the audit log.
    expect(await owners.ownedBy(zhang)).toEqual([]);
    expect((await owners.history(tencent.id)).map((h) => h.reason)).toEqual(['created', 'leaver']);
    expect((await auditRows(j.t.db, 'customer')).filter((r) => r.action === 'customer.leaver')).toHaveLength(2);
    await j.deliverQueued();
    expect(j.inbox('S102').some((m) => m.title.includes('你接手了客户「华为技术有限公司」'))).toBe(true);
  });
});
