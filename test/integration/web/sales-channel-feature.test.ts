import { asc, count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { userIdOf } from '../../helpers/assessment.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import type { Actor } from '../../../src/features/actor.js';
import { addSalesChannel, listSalesChannels, renameSalesChannel, setSalesChannelActive } from '../../../src/features/sales-channels/admin.js';
import { isProblemError } from '../../../src/domain/problem.js';

/** The sales-channel admin feature checks the role itself, whichever door calls it (clock: 27 November 2026). */
describe('sales channels: the admin feature', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  const actorOf = async (employeeNo: string): Promise<Actor> => {
    const { org } = t.app.botDeps;
    const user = (await org.getUser((await userIdOf(t.db, employeeNo))))!;
    return { user, scope: await org.dataScopeOf(user), locale: 'zh', source: 'h5', now: t.clock.now };
  };
  const channelCount = async () => {
    const { salesChannels } = tablesOf(t.db);
    return (await t.db.select({ n: count() }).from(salesChannels))[0]!.n;
  };
  const channelAudit = async () => {
    const { auditLog } = tablesOf(t.db);
    return t.db.select({ action: auditLog.action, source: auditLog.source, actor: auditLog.actorUserId }).from(auditLog).where(eq(auditLog.entity, 'sales_channel')).orderBy(asc(auditLog.id));
  };

  it('refuses HR and a rep with FORBIDDEN and writes nothing', async () => {
    const deps = t.app.botDeps;
    const before = await channelCount();
    for (const employeeNo of ['H001', 'S101']) {
      const actor = await actorOf(employeeNo);
      for (const attempt of [() => listSalesChannels(deps, actor), () => addSalesChannel(deps, actor, { name: '抖音' }), () => renameSalesChannel(deps, actor, { id: 1, name: '抖音' }), () => setSalesChannelActive(deps, actor, { id: 1, active: false })]) {
        const refused = await attempt().catch((error: unknown) => error);
        expect(isProblemError(refused) && refused.problem.key, employeeNo).toBe('salesChannel.problem.forbidden');
      }
    }
    expect(await channelCount()).toBe(before);
    expect(await channelAudit()).toEqual([]);
  });

  it('lets an admin add a channel, audited with the actor and its source', async () => {
    const actor = await actorOf('A001');
    const added = await addSalesChannel(t.app.botDeps, actor, { name: '抖音' });
    expect(added).toMatchObject({ ok: true, salesChannel: { name: '抖音', active: true } });
    expect(await channelAudit()).toEqual([{ action: 'sales_channel.create', source: 'h5', actor: actor.user.id }]);
  });
});
