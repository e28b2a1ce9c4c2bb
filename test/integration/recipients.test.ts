import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../src/db/dialect.js';
import type { PlatformName } from '../../src/domain/platform-name.js';
import { createLiveRecipientResolver, createRecipientResolver } from '../../src/features/recipients.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';


describe('recipient resolver', () => {
  let t: TestApp;
  let zhang: number;
  let li: number;
  beforeEach(async () => {
    t = await createTestApp();
    zhang = (await t.app.botDeps.org.getUserByEmployeeNo('S101'))!.id;
    li = (await t.app.botDeps.org.getUserByEmployeeNo('S102'))!.id;
    await t.db.insert(tablesOf(t.db).platformIdentities).values([
      { platform: 'feishu', kind: 'open_id', value: 'ou_zhang', userId: zhang, createdAt: 0 },
      { platform: 'feishu', kind: 'union_id', value: 'on_zhang', userId: zhang, createdAt: 0 },
      { platform: 'dingtalk', kind: 'userId', value: 'dt_zhang', userId: zhang, createdAt: 0 },
      { platform: 'dingtalk', kind: 'userId', value: 'dt_li', userId: li, createdAt: 0 },
    ]);
  });
  afterEach(async () => t.close());
  /** The resolver reads only the enabled platforms (AppDeps.platforms), never a channel. */
  const enabled = (...platforms: PlatformName[]) => ({ db: t.db, platforms });

  it('prefers Feishu, then DingTalk, then the sandbox, among enabled channels only', async () => {
    const resolver = createRecipientResolver(enabled('sandbox', 'dingtalk', 'feishu'));
    expect((await resolver).resolve(zhang)).toEqual({ platform: 'feishu', userRef: 'ou_zhang' });
    expect((await resolver).resolve(li)).toEqual({ platform: 'dingtalk', userRef: 'dt_li' });
    const hr = (await t.app.botDeps.org.getUserByEmployeeNo('H001'))!.id;
    expect((await resolver).resolve(hr)).toEqual({ platform: 'sandbox', userRef: String(hr) });

    const feishuOnly = createRecipientResolver(enabled('feishu'));
    expect((await feishuOnly).resolve(li)).toBeNull();
    const dingtalkOnly = createRecipientResolver(enabled('dingtalk'));
    expect((await dingtalkOnly).resolve(zhang)).toEqual({ platform: 'dingtalk', userRef: 'dt_zhang' });
  });

  it('a user known by two open_ids is messaged at the older one, by the fan-out and the live resolver alike', async () => {
    // The newer id sorts first by value, and is inserted first: neither the index nor the insertion order decides.
    await t.db.insert(tablesOf(t.db).platformIdentities).values([
      { platform: 'feishu', kind: 'open_id', value: 'ou_a_li_new', userId: li, createdAt: 2_000 },
      { platform: 'feishu', kind: 'open_id', value: 'ou_z_li_old', userId: li, createdAt: 1_000 },
    ]);
    const feishuOnly = enabled('feishu');
    expect((await createRecipientResolver(feishuOnly)).resolve(li)).toEqual({ platform: 'feishu', userRef: 'ou_z_li_old' });
    expect(await createLiveRecipientResolver(feishuOnly).resolve(li)).toEqual({ platform: 'feishu', userRef: 'ou_z_li_old' });
  });

  it('all() lists every enabled platform a user is reachable on, in the same order', async () => {
    const resolver = createRecipientResolver(enabled('sandbox', 'dingtalk', 'feishu'));
    expect((await resolver).all(zhang)).toEqual([
      { platform: 'feishu', userRef: 'ou_zhang' },
      { platform: 'dingtalk', userRef: 'dt_zhang' },
      { platform: 'sandbox', userRef: String(zhang) },
    ]);
    expect((await resolver).all(li)).toEqual([
      { platform: 'dingtalk', userRef: 'dt_li' },
      { platform: 'sandbox', userRef: String(li) },
    ]);
    expect((await createRecipientResolver(enabled('feishu'))).all(li)).toEqual([]);
  });

  it('the live resolver gives the same answers and sees an identity bound after it was made', async () => {
    const feishuAndDingtalk = enabled('dingtalk', 'feishu');
    const snapshot = createRecipientResolver(feishuAndDingtalk);
    const live = createLiveRecipientResolver(feishuAndDingtalk);
    for (const user of [zhang, li]) {
      expect(await live.resolve(user)).toEqual((await snapshot).resolve(user));
      expect(await live.all(user)).toEqual((await snapshot).all(user));
    }
    await t.db.insert(tablesOf(t.db).platformIdentities).values({ platform: 'feishu', kind: 'open_id', value: 'ou_li', userId: li, createdAt: 0 });
    expect(await live.resolve(li)).toEqual({ platform: 'feishu', userRef: 'ou_li' });
    expect((await snapshot).resolve(li)).toEqual({ platform: 'dingtalk', userRef: 'dt_li' });
  });
});
