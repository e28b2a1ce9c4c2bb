import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { tablesOf } from '../../src/db/dialect.js';
import { createCardRecipients } from '../../src/db/repositories/card-recipients.js';
import { createCallbackReplays } from '../../src/db/repositories/dingtalk-callback-replays.js';
import { createGroupBindRepository } from '../../src/db/repositories/group-binds.js';
import { createNotificationPreferenceRepository } from '../../src/db/repositories/notification-preferences.js';
import { createPushIdentityRepository } from '../../src/db/repositories/push-identities.js';
import { createSandboxTranscript } from '../../src/db/repositories/sandbox-transcript.js';
import { createWebSessionRepository } from '../../src/db/repositories/web-sessions.js';
import { openFreshPgDb } from './app-db.js';

/** The small system repositories on PostgreSQL: bytea, jsonb, booleans, bigint sums and insert-or-ignore. */
describe('system tables on PostgreSQL', () => {
  let pg: Awaited<ReturnType<typeof openFreshPgDb>>;
  let db: Db;
  let rep: number;
  let colleague: number;
  beforeAll(async () => {
    pg = await openFreshPgDb('system_tables');
    db = pg.db;
    const { departments, platformIdentities, users } = tablesOf(db);
    const [department] = await db.insert(departments).values({ name: '华东销售', path: '/1/', createdAt: 1, updatedAt: 1 }).returning({ id: departments.id });
    const people = await db
      .insert(users)
      .values([
        { employeeNo: 'E-1', name: '张三', departmentId: department!.id, createdAt: 1, updatedAt: 1 },
        { employeeNo: 'E-2', name: '李四', departmentId: department!.id, createdAt: 1, updatedAt: 1 },
      ])
      .returning({ id: users.id });
    [rep, colleague] = people.map((p) => p.id) as [number, number];
    await db.insert(platformIdentities).values([
      { platform: 'feishu', kind: 'open_id', value: 'ou_zhang', userId: rep, createdAt: 1 },
      { platform: 'feishu', kind: 'union_id', value: 'on_zhang', userId: rep, createdAt: 1 },
      { platform: 'dingtalk', kind: 'userId', value: 'dt-li', userId: colleague, createdAt: 1 },
      { platform: 'dingtalk', kind: 'unionId', value: 'dt-union-li', userId: colleague, createdAt: 1 },
    ]);
  });
  afterAll(async () => pg.close());

  it('sandbox files keep their bytes; a repeated delivery lands once; purge counts both tables', async () => {
    const transcript = createSandboxTranscript(db);
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const file = { name: '考核.xlsx', mimeType: 'application/vnd.ms-excel', content: bytes };
    const lineId = await transcript.storeFile(rep, file, 'file-1', 1_000, (fileId) => ({ type: 'file', fileId }));
    expect(await transcript.storeFile(rep, file, 'file-1', 1_500, (fileId) => ({ type: 'file', fileId }))).toBe(lineId);
    const inbound = await transcript.recordInbound(rep, { text: '拜访 华为' }, 2_000);
    const lines = await transcript.transcript(rep, 0);
    expect(lines.map((l) => l.id)).toEqual([lineId, inbound]);
    const fileId = (lines[0]!.payload as { fileId: number }).fileId;
    expect(await transcript.file(fileId)).toEqual({ name: '考核.xlsx', mimeType: 'application/vnd.ms-excel', content: bytes });
    await transcript.replacePayload(inbound, { text: 'edited' }, 2_100);
    expect((await transcript.transcript(rep, lineId)).map((l) => l.payload)).toEqual([{ text: 'edited' }]);
    expect(await transcript.purgeOlderThan(1_800)).toEqual({ messages: 1, files: 1 });
  });

  it('a DingTalk callback signature binds one body', async () => {
    const replays = createCallbackReplays(db);
    const signed = { route: 'robot' as const, signedAt: 1_700_000_000_000, signature: 'sig', bodySha256: 'a' };
    expect(await replays.check(signed)).toBe('first');
    expect(await replays.claim(signed, 1)).toBe('first');
    expect(await replays.claim(signed, 2)).toBe('duplicate');
    expect(await replays.claim({ ...signed, bodySha256: 'b' }, 3)).toBe('conflict');
    expect(await replays.purgeSignedBefore(1_700_000_000_001)).toBe(1);
  });

  it('push identities, weekly-card preferences and card recipients', async () => {
    const identities = createPushIdentityRepository(db);
    const all = await identities.all();
    expect(Object.fromEntries([...all].map(([platform, byUser]) => [platform, Object.fromEntries(byUser)]))).toEqual({ feishu: { [rep]: 'ou_zhang' }, dingtalk: { [colleague]: 'dt-li' } });
    expect(await identities.of(rep, 'feishu')).toBe('ou_zhang');
    expect(await identities.identityOf(colleague, 'dingtalk', 'unionId')).toBe('dt-union-li');

    const preferences = createNotificationPreferenceRepository(db);
    await preferences.setWeeklyCard(rep, false, 10);
    await preferences.setWeeklyCard(colleague, true, 10);
    expect(await preferences.wantsWeeklyCard(rep)).toBe(false);
    expect(await preferences.wantsWeeklyCard(colleague)).toBe(true);
    expect([...(await preferences.weeklyCardOptOuts())]).toEqual([rep]);

    const recipients = createCardRecipients(db, 'feishu');
    await recipients.record('card-1', ['ou_zhang', 'ou_zhang', 'ou_li'], 20);
    await recipients.record('card-1', ['ou_zhang'], 21);
    expect(await recipients.includes('card-1', 'ou_li')).toBe(true);
    expect(await createCardRecipients(db, 'dingtalk').includes('card-1', 'ou_li')).toBe(false);
  });

  it("group binds: a rebind moves the chat, won deals sum as numbers, a 喜报 is stored once and liked once per person", async () => {
    const { customers, deals, departments } = tablesOf(db);
    const [department] = await db.select({ id: departments.id }).from(departments);
    const binds = createGroupBindRepository(db);
    const bound = await binds.bind({ platform: 'feishu', chatId: 'oc_1', departmentId: department!.id, boundByUserId: rep, now: 100 });
    const rebound = await binds.bind({ platform: 'feishu', chatId: 'oc_1', departmentId: department!.id, boundByUserId: colleague, now: 200 });
    expect(rebound).toMatchObject({ id: bound.id, boundByUserId: colleague, boundAt: 200, winPosts: true });
    expect(await binds.update(bound.id, { winPosts: false, topN: 3 })).toMatchObject({ winPosts: false, topN: 3 });
    expect((await binds.list()).map((row) => [row.department, row.boundBy])).toEqual([['华东销售', '李四']]);
    expect(await binds.markGone(bound.id, 300)).toBe(true);
    expect(await binds.markGone(bound.id, 301)).toBe(false);
    expect(await binds.live()).toEqual([]);

    const [customer] = await db.insert(customers).values({ name: '华为', normalizedName: '华为', ownerUserId: rep, source: 'h5', confidential: true, createdAt: 1, updatedAt: 1 }).returning({ id: customers.id });
    expect(await binds.customerOf(customer!.id)).toEqual({ name: '华为', confidential: true });
    const deal = (amountFen: number, wonOn: string) => ({ customerId: customer!.id, repUserId: rep, amountFen, stage: 'won' as const, wonOn, source: 'h5' as const, createdAt: 1, updatedAt: 1 });
    const [won] = await db.insert(deals).values([deal(3_000_000_000, '2026-11-02'), deal(1_500_000_000, '2026-11-30'), deal(7, '2026-12-01')]).returning({ id: deals.id });
    expect(await binds.wonBetween([rep, colleague], '2026-11-01', '2026-11-30')).toEqual({ deals: 2, amountFen: 4_500_000_000 });

    const post = await binds.addWinPost({ dealId: won!.id, bindId: bound.id, idempotencyKey: 'win-1', data: { amount: '3000万' }, now: 400 });
    expect(await binds.addWinPost({ dealId: won!.id, bindId: bound.id, idempotencyKey: 'win-1', data: {}, now: 401 })).toBeUndefined();
    expect(await binds.like(post!.id, rep, 500)).toBe(true);
    expect(await binds.like(post!.id, rep, 501)).toBe(false);
    expect(await binds.like(post!.id, colleague, 502)).toBe(true);
    expect(await binds.likes(post!.id)).toBe(2);
    expect((await binds.liveWinPostsOfDeal(won!.id)).map((row) => [row.post.id, row.platform, row.messageId])).toEqual([[post!.id, 'feishu', null]]);
    expect(await binds.retract(post!.id, 600)).toBe(true);
    expect(await binds.liveWinPostsOfDeal(won!.id)).toEqual([]);
    expect(await binds.remove(bound.id)).toBe(true);
  });

  it('expired web sessions are purged by expiry', async () => {
    const sessions = createWebSessionRepository(db);
    const row = (idHash: string, expiresAt: number) => ({ idHash, userId: rep, platform: 'feishu', csrfToken: 't', createdAt: 1, lastSeenAt: 1, expiresAt });
    await sessions.insert(row('old', 1_000));
    await sessions.insert(row('live', 9_000));
    expect(await sessions.purgeExpired(5_000)).toBe(1);
    expect(await sessions.byIdHash('live')).toMatchObject({ idHash: 'live', expiresAt: 9_000 });
  });
});
