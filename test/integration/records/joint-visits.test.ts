import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { seedCustomer, userIdOf } from '../../helpers/records.js';
import { devLogin } from '../../helpers/web-session.js';
import { rowsInIdOrder } from '../../helpers/table-rows.js';

describe('协访: a visit to a colleague\'s customer, marked joint', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    // Owned by 刘洋 (S201) of the other team: 张三 (S101) cannot see it.
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S201', aliases: ['华为'] });
  });
  afterEach(async () => t.close());

  it('counts for both reps, stays the owner\'s, and is visible to the owner', async () => {
    const zhang = sandboxChat(t.app, 'S101');
    const saved = replyText((await zhang.say('拜访 华为 协访 陪刘洋见了采购'))[0]!);
    expect(saved).toContain('已记录拜访');
    expect(saved).toContain('协访人');
    expect(saved).toContain('张三');
    // Typed, so it does not count yet under the shipped template (located or manager-confirmed only).
    expect(saved).toContain('本月拜访次数 **0/40**');

    const [row] = await rowsInIdOrder(t.db, 'visits');
    expect(row!.repUserId).toBe(await userIdOf(t.db, 'S201'));
    expect(await t.db.select().from(tablesOf(t.db).visitParticipants)).toEqual([expect.objectContaining({ visitId: row!.id, userId: await userIdOf(t.db, 'S101') })]);

    // The owner's month has it: their own next visit is their second waiting for verification.
    const owner = sandboxChat(t.app, 'S201');
    expect(replyText((await owner.say('拜访 华为 回访'))[0]!)).toContain('（另有 2 次待核实');

    // The owner sees it in their visit list (H5).
    const web = await devLogin(t.app, 'S201');
    const list = (await web.get('/api/visits')).json() as { visits: { id: number; notes: string | null }[] };
    expect(list.visits.map((v) => v.notes)).toContain('陪刘洋见了采购');
  });

  it('an unmarked visit to a colleague\'s customer is still a permission refusal, and says how to mark it', async () => {
    const [reply] = await sandboxChat(t.app, 'S101').say('拜访 华为 聊了预算');
    const text = replyText(reply!);
    expect(text).toContain('没有权限');
    expect(text).toContain('协访');
    expect(await rowsInIdOrder(t.db, 'visits')).toHaveLength(0);
  });

  it('English: visit … joint', async () => {
    const [reply] = await sandboxChat(t.app, 'S101').say('visit 华为 joint budget talk');
    expect(replyText(reply!)).toContain('Joint visit by');
    expect(await t.db.select().from(tablesOf(t.db).visitParticipants)).toHaveLength(1);
  });

  it('the participant\'s scorecard says the pending joint visit is left out, and counts it once it is verified', async () => {
    await sandboxChat(t.app, 'S101').say('拜访 华为 协访 陪刘洋见了采购');
    const zhang = await devLogin(t.app, 'S101');
    const visitsLine = async () => {
      const body = (await zhang.get('/api/scorecard?period=month')).json() as { scorecard: { lines: { name: string; actual: string; leftOut: string }[] } };
      return body.scorecard.lines.find((l) => l.name === '拜访次数')!;
    };
    expect(await visitsLine()).toMatchObject({ actual: '0', leftOut: expect.stringContaining('1 次拜访未核实，未计入') });

    // Located (or confirmed) on the owner's row: it counts for the participant too, and is no longer left out.
    await t.db.update(tablesOf(t.db).visits).set({ verification: 'located' });
    const counted = await visitsLine();
    expect(counted.actual).toBe('1');
    expect(counted.leftOut).not.toContain('未核实');
  });

  it('undoing a joint visit removes its participant too', async () => {
    const zhang = sandboxChat(t.app, 'S101');
    await zhang.say('拜访 华为 协访 聊了预算');
    await zhang.say('撤销');
    expect(await rowsInIdOrder(t.db, 'visits')).toHaveLength(0);
    expect(await t.db.select().from(tablesOf(t.db).visitParticipants)).toHaveLength(0);
  });
});
