import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, desc } from 'drizzle-orm';
import { tablesOf } from '../../../src/db/dialect.js';
import { importOrg } from '../../../src/features/org/import.js';
import { readJsonRows } from '../../../src/features/imports/tabular.js';
import { DINGTALK_ORG_ROWS, dingtalkEnv, dingtalkUserId, robotHeaders } from '../../helpers/dingtalk.js';
import { seedCustomer } from '../../helpers/records.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { webClient, type WebClient } from '../../helpers/web-session.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../simulators/dingtalk/simulator.js';

const NOW = '2026-11-27T10:00:00+08:00';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(300, 3)]);
/** 华为坂田基地 in GCJ-02; 0.002° of latitude is about 222 m, 0.01° about 1.1 km. */
const SITE = { lat: 22.6533, lng: 114.0587 };

describe('DingTalk check-in: a picture in chat, a location from the H5 visit form (dd.getLocation, GCJ-02)', () => {
  let sim: DingTalkSimulator;
  let t: TestApp;
  let web: WebClient;
  const rep = dingtalkUserId('S101');

  beforeAll(async () => {
    sim = await startDingTalkSimulator({ clock: () => t.clock.now });
    t = await createTestApp({ now: NOW, seedDemoOrg: false, env: dingtalkEnv(sim, { DINGTALK_MODE: 'webhook', SANDBOX_ENABLED: 'false', CHECKIN_RADIUS_M: '500' }) });
    const imported = await importOrg(t.db, readJsonRows(DINGTALK_ORG_ROWS), { now: t.clock.now, actorUserId: null, source: 'cli' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
    // The H5 login as DingTalk hands it: a one-time code from dd.requestAuthCode, exchanged by the server.
    const login = await t.app.inject({ method: 'POST', url: '/api/login/dingtalk', payload: { code: sim.issueLoginCode(rep) } });
    expect(login.statusCode).toBe(200);
    web = webClient(t.app, login);
  });
  afterAll(async () => {
    await t.close();
    await sim.close();
  });

  /** A signed robot callback; resolves with the text of the reply sent through the sessionWebhook. */
  async function robot(input: { text?: string; msgtype?: string; content?: Record<string, unknown> }): Promise<string> {
    // A signature is accepted once (replay guard): each callback is signed a second later.
    t.clock.advance(1000);
    const before = sim.sent.length;
    const payload = sim.robotMessage({ senderStaffId: rep, text: input.text ?? '', ...(input.msgtype ? { msgtype: input.msgtype } : {}), ...(input.content ? { content: input.content } : {}) });
    const response = await t.app.inject({ method: 'POST', url: '/webhooks/dingtalk/robot', headers: robotHeaders(sim.clientSecret, t.clock.now), payload: JSON.stringify(payload) });
    expect(response.statusCode).toBe(200);
    for (let i = 0; i < 400 && sim.sent.length === before; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    return JSON.stringify(sim.sent[before]?.body);
  }
  const latestVisit = async () => {
    const { visits } = tablesOf(t.db);
    return (await t.db.select().from(visits).orderBy(desc(visits.id)).limit(1))[0];
  };
  const checkinRows = async () => {
    const { visitCheckins } = tablesOf(t.db);
    return t.db.select().from(visitCheckins).orderBy(asc(visitCheckins.id));
  };
  const checkin = (visitId: number, body: Record<string, unknown>) => web.post(`/api/visits/${visitId}/checkin`, body);

  it('downloads a chat picture through messageFiles/download and attaches it to the visit just logged', async () => {
    await robot({ text: '拜访 华为 今天 上门 聊了预算' });
    const downloadCode = sim.messageFiles.addPicture(PNG, 'image/png');
    const reply = await robot({ msgtype: 'picture', content: { downloadCode, pictureDownloadCode: `p-${downloadCode}` } });
    expect(reply).toContain('照片已附加到拜访');
    expect(sim.messageFiles.downloads.at(-1)?.downloadCode).toBe(downloadCode);
    const photo = (await checkinRows()).find((c) => c.kind === 'photo');
    expect(photo).toMatchObject({ visitId: (await latestVisit())?.id, source: 'dingtalk', photoMime: 'image/png', photoBytes: PNG.length });
    expect(existsSync(join(t.config.checkin.filesDir, photo?.photoPath ?? 'missing'))).toBe(true);
  });

  it('a picture 31 minutes after 拜访 attaches nothing and is not even downloaded', async () => {
    await robot({ text: '拜访 华为 今天 上门 复盘' });
    t.clock.advance(31 * 60_000);
    const downloads = sim.messageFiles.downloads.length;
    const reply = await robot({ msgtype: 'picture', content: { downloadCode: sim.messageFiles.addPicture(PNG) } });
    expect(reply).toContain('没有附加到任何拜访');
    expect(sim.messageFiles.downloads).toHaveLength(downloads);
  });

  it('H5 location: the first sets the customer location (visit stays self), a near one is located, a far one flagged with its distance', async () => {
    await robot({ text: '拜访 华为 今天 上门 第一次' });
    const first = (await latestVisit())!;
    const setting = await checkin(first.id, { ...SITE, datum: 'gcj02', accuracy: 30, address: '坂田华为基地' });
    expect(setting.statusCode).toBe(200);
    expect(setting.json()).toMatchObject({ checkin: { verification: 'self', location: { kind: 'sets-location' } } });
    expect(await t.db.select().from(tablesOf(t.db).customerLocations)).toEqual([expect.objectContaining({ lat: SITE.lat, lng: SITE.lng, datum: 'gcj02', source: 'checkin' })]);

    await robot({ text: '拜访 华为 今天 上门 第二次' });
    const second = (await latestVisit())!;
    const near = await checkin(second.id, { lat: SITE.lat + 0.002, lng: SITE.lng, datum: 'gcj02', accuracy: 15 });
    expect(near.json()).toMatchObject({ checkin: { verification: 'located', location: { kind: 'located', distanceM: 222 } } });
    expect(near.json().message).toContain('222 米');
    expect((await latestVisit())?.verification).toBe('located');

    await robot({ text: '拜访 华为 今天 上门 第三次' });
    const third = (await latestVisit())!;
    const far = await checkin(third.id, { lat: SITE.lat + 0.01, lng: SITE.lng, datum: 'gcj02' });
    expect(far.json()).toMatchObject({ checkin: { verification: 'self', location: { kind: 'far', distanceM: 1112 } } });
    expect(far.json().message).toContain('1112 米');
    const wgs = await checkin(third.id, { ...SITE, datum: 'wgs84' });
    expect(wgs.json()).toMatchObject({ checkin: { verification: 'self', location: { kind: 'datum-mismatch' } } });
    const flags = (await checkinRows()).filter((c) => c.visitId === third.id).map((c) => c.flag);
    expect(flags).toEqual(['far', 'datum_mismatch']);
  });

  it('H5 refuses a point without a datum, another rep\'s visit, and a photo that is not an image', async () => {
    await robot({ text: '拜访 华为 今天 上门 第四次' });
    const visit = (await latestVisit())!;
    expect((await checkin(visit.id, { ...SITE })).statusCode).toBe(400);
    const other = await t.app.inject({ method: 'POST', url: '/api/login/dingtalk', payload: { code: sim.issueLoginCode(dingtalkUserId('S102')) } });
    expect((await webClient(t.app, other).post(`/api/visits/${visit.id}/checkin`, { ...SITE, datum: 'gcj02' })).statusCode).toBe(403);
    const boundary = 'skb-test-boundary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\nnot really a jpeg\r\n--${boundary}--\r\n`;
    const upload = await t.app.inject({ method: 'POST', url: `/api/visits/${visit.id}/photo`, headers: { cookie: web.cookie, 'x-csrf-token': web.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    expect(upload.statusCode).toBe(400);
    expect(upload.json().message).toContain('只接受 JPEG、PNG 或 WebP');
  });
});
