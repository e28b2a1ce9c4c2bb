import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asc, desc } from 'drizzle-orm';
import { tablesOf } from '../../../src/db/dialect.js';
import { importOrg } from '../../../src/features/org/import.js';
import { readJsonRows } from '../../../src/features/imports/tabular.js';
import { FEISHU_TEST_APP, feishuDemoOrgRows, feishuEnv, feishuIdsOf } from '../../helpers/feishu.js';
import { seedCustomer } from '../../helpers/records.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { createFeishuEventClient } from '../../simulators/feishu/event-client.js';
import { startFeishuSimulator, type FeishuSimulator } from '../../simulators/feishu/server.js';

const NOW = '2026-11-27T10:00:00+08:00';
/** The smallest thing that sniffs as a JPEG, and one that does not. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(600, 7)]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(100, 1)]);

describe('Feishu check-in: location and image messages attach to the visit logged in the last 30 minutes', () => {
  let sim: FeishuSimulator;
  let t: TestApp;
  const feishu = createFeishuEventClient({ ...FEISHU_TEST_APP, clock: () => t.clock.now });
  const rep = feishuIdsOf('S101');

  beforeAll(async () => {
    sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
    // A 16 KB photo cap (the smallest allowed), so the size refusal needs no large test file.
    t = await createTestApp({ env: { ...feishuEnv(sim.url), CHECKIN_PHOTO_MAX_KB: '16' }, now: NOW, seedDemoOrg: false });
    const imported = await importOrg(t.db, readJsonRows(feishuDemoOrgRows()), { now: t.clock.now, actorUserId: null, source: 'cli' });
    expect(imported.ok).toBe(true);
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
  });
  afterAll(async () => {
    await t.close();
    await sim.close();
  });
  beforeEach(() => t.clock.set(NOW));

  /** Sends one signed message event and returns the text of the bot's answer. */
  async function say(input: { text?: string; messageType?: string; content?: string; messageId?: string }): Promise<string> {
    const before = sim.sent.length;
    const { body, headers } = feishu.request(feishu.messageEvent({ sender: rep, ...input }));
    const ack = await t.app.inject({ method: 'POST', url: '/webhooks/feishu/events', headers, payload: body });
    expect(ack.statusCode).toBe(200);
    const [reply] = (await sim.waitForSent(before + 1)).slice(before);
    return JSON.stringify(reply?.content);
  }
  const location = (lat: string, lng: string) => ({ messageType: 'location', content: JSON.stringify({ name: '深圳市龙岗区坂田华为基地', latitude: lat, longitude: lng }) });
  const checkins = async () => {
    const { visitCheckins } = tablesOf(t.db);
    return t.db.select().from(visitCheckins).orderBy(asc(visitCheckins.id));
  };
  const latestVisit = async () => {
    const { visits } = tablesOf(t.db);
    return (await t.db.select().from(visits).orderBy(desc(visits.id)).limit(1))[0];
  };

  it('attaches a location to the visit, with the address, and flags it: Feishu names no datum, so it is not compared', async () => {
    await say({ text: '拜访 华为 今天 上门 聊了预算' });
    t.clock.advance(10 * 60_000);
    const reply = await say(location('22.6533', '114.0587'));
    expect(reply).toContain('坐标系不一致');
    const [row] = await checkins();
    const visit = await latestVisit();
    expect(row).toMatchObject({ visitId: visit?.id, kind: 'location', lat: 22.6533, lng: 114.0587, datum: 'unknown', address: '深圳市龙岗区坂田华为基地', flag: 'datum_mismatch', source: 'feishu' });
    expect(visit?.verification).toBe('self');
  });

  it('never compares the datum-less point with a GCJ-02 customer location, even on the very same numbers: flagged, not located', async () => {
    const { customerLocations, customers } = tablesOf(t.db);
    const customerId = (await t.db.select().from(customers).orderBy(asc(customers.id)).limit(1))[0]!.id;
    await t.db.insert(customerLocations).values({ customerId, lat: 22.6533, lng: 114.0587, datum: 'gcj02', source: 'import', checkinId: null, createdAt: t.clock.now });
    try {
      await say({ text: '拜访 华为 今天 上门 对齐方案' });
      expect(await say(location('22.6533', '114.0587'))).toContain('坐标系不一致');
      expect((await checkins()).at(-1)).toMatchObject({ datum: 'unknown', flag: 'datum_mismatch', distanceM: null });
      expect((await latestVisit())?.verification).toBe('self');
      expect(await t.db.select().from(customerLocations)).toMatchObject([{ datum: 'gcj02', source: 'import' }]);
    } finally {
      await t.db.delete(customerLocations);
    }
  });

  it('downloads an image through the message-resource API and stores it under FILES_DIR, not in the database', async () => {
    await say({ text: '拜访 华为 今天 上门 演示' });
    sim.resources.addImage('om_photo_1', 'img_v2_photo_1', JPEG);
    const reply = await say({ messageType: 'image', content: JSON.stringify({ image_key: 'img_v2_photo_1' }), messageId: 'om_photo_1' });
    expect(reply).toContain('照片已附加到拜访');
    expect(sim.resources.downloads.at(-1)).toEqual({ messageId: 'om_photo_1', fileKey: 'img_v2_photo_1', type: 'image' });
    const photo = (await checkins()).find((c) => c.kind === 'photo');
    expect(photo).toMatchObject({ photoMime: 'image/jpeg', photoBytes: JPEG.length });
    const file = join(t.config.checkin.filesDir, photo?.photoPath ?? 'missing');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).equals(JPEG)).toBe(true);
  });

  it('refuses a photo over the size cap and one that is not jpeg/png/webp, storing nothing', async () => {
    await say({ text: '拜访 华为 今天 上门 复盘' });
    const before = (await checkins()).length;
    sim.resources.addImage('om_big', 'img_big', Buffer.concat([JPEG, Buffer.alloc(20 * 1024)]));
    expect(await say({ messageType: 'image', content: JSON.stringify({ image_key: 'img_big' }), messageId: 'om_big' })).toContain('照片太大（最大 16 KB）');
    sim.resources.addImage('om_gif', 'img_gif', GIF, 'image/gif');
    expect(await say({ messageType: 'image', content: JSON.stringify({ image_key: 'img_gif' }), messageId: 'om_gif' })).toContain('只接受 JPEG、PNG 或 WebP');
    expect(await checkins()).toHaveLength(before);
  });

  it('attaches nothing more than 30 minutes after 拜访, and says how to check in', async () => {
    await say({ text: '拜访 华为 今天 上门 签约' });
    const before = (await checkins()).length;
    t.clock.advance(30 * 60_000);
    expect(await say(location('22.6533', '114.0587'))).toContain('坐标系不一致');
    // Just past the window (the reply above was a check-in, at exactly 30 minutes).
    t.clock.advance(1);
    const late = await say(location('22.6533', '114.0587'));
    expect(late).toContain('没有附加到任何拜访');
    expect(late).toContain('30 分钟');
    expect(await checkins()).toHaveLength(before + 1);
  });

  it('keeps answering other kinds with "only text"', async () => {
    expect(await say({ messageType: 'audio', content: JSON.stringify({ file_key: 'f', duration: 2 }) })).toContain('只支持文字消息');
  });
});
