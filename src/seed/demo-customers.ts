import type { Db } from '../db/client.js';
import { createCustomerRepository } from '../db/repositories/customer-repository.js';
import { createOrgRepository } from '../db/repositories/org-repository.js';
import { createSalesChannelRepository, ensureDefaultSalesChannels } from '../db/repositories/sales-channel-repository.js';
import { inTransaction } from '../db/client.js';

/** A few customers for the demo org's reps, so "拜访 华为 ..." works in the sandbox at once. */
const DEMO_CUSTOMERS = [
  { owner: 'S101', name: '华为技术有限公司', aliases: ['华为'], salesChannel: '直销', region: '深圳', industry: '通信', contact: ['李总', '采购总监', '13800138001'] },
  { owner: 'S101', name: '小米科技有限责任公司', aliases: ['小米'], salesChannel: '线上', region: '北京', industry: '消费电子', contact: ['雷经理', '采购经理', '13800138002'] },
  { owner: 'S102', name: '比亚迪股份有限公司', aliases: ['比亚迪', 'BYD'], salesChannel: '展会', region: '深圳', industry: '汽车', contact: ['王工', '技术总监', '13800138003'] },
  { owner: 'S201', name: '腾讯科技有限公司', aliases: ['腾讯'], salesChannel: '转介绍', region: '深圳', industry: '互联网', contact: ['马总', '总监', '13800138004'] },
  { owner: 'S202', name: '美的集团股份有限公司', aliases: ['美的'], salesChannel: '经销商', region: '佛山', industry: '家电', contact: ['何经理', '采购', '13800138005'] },
] as const;

/** Seeds the demo customers once (only when there are no customers yet); skips reps that do not exist. */
export async function seedDemoCustomers(db: Db, now: number): Promise<number> {
  await ensureDefaultSalesChannels(db, now);
  const customers = createCustomerRepository(db);
  if ((await customers.listInScope({ kind: 'all' })).length > 0) return 0;
  const org = createOrgRepository(db);
  const salesChannels = createSalesChannelRepository(db);
  const actor = { userId: null, source: 'cli', now };
  return inTransaction(db, async () => {
    let created = 0;
    for (const c of DEMO_CUSTOMERS) {
      const owner = await org.getUserByEmployeeNo(c.owner);
      if (!owner) continue;
      const customer = await customers.create(actor, {
        name: c.name,
        aliases: [...c.aliases],
        salesChannelId: (await salesChannels.findByWord(c.salesChannel))?.id ?? null,
        region: c.region,
        industry: c.industry,
        ownerUserId: owner.id,
        source: 'import',
      });
      const [name, title, phone] = c.contact;
      await customers.contacts.insert(actor, { customerId: customer.id, name, title, phone, createdAt: now, updatedAt: now });
      created += 1;
    }
    return created;
  });
}
