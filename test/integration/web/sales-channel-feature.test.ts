import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
  const count = () => (t.db.$client.prepare('SELECT count(*) AS n FROM sales_channels').get() as { n: number }).n;

  it('refuses HR and a rep with FORBIDDEN and writes nothing', async () => {
    const deps = t.app.botDeps;
    const before = count();
    for (const employeeNo of ['H001', 'S101']) {
      const actor = await actorOf(employeeNo);
      for (const attempt of [() => listSalesChannels(deps, actor), () => addSalesChannel(deps, actor, { name: '抖音' }), () => renameSalesChannel(deps, actor, { id: 1, name: '抖音' }), () => setSalesChannelActive(deps, actor, { id: 1, active: false })]) {
        const refused = await attempt().catch((error: unknown) => error);
        expect(isProblemError(refused) && refused.problem.key, employeeNo).toBe('salesChannel.problem.forbidden');
      }
    }
    expect(count()).toBe(before);
    expect(t.db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'sales_channel'").get()).toEqual({ n: 0 });
  });

  it('lets an admin add a channel, audited with the actor and its source', async () => {
    const actor = await actorOf('A001');
    const added = await addSalesChannel(t.app.botDeps, actor, { name: '抖音' });
    expect(added).toMatchObject({ ok: true, salesChannel: { name: '抖音', active: true } });
    expect(t.db.$client.prepare("SELECT action, source, actor_user_id AS actor FROM audit_log WHERE entity = 'sales_channel'").all()).toEqual([{ action: 'sales_channel.create', source: 'h5', actor: actor.user.id }]);
  });
});
