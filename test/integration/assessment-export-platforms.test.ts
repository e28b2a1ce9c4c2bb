import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { typedMessage } from '../helpers/typed-message.js';
import type { IdentityKind, InboundMessage, PlatformName } from '../../src/platforms/channel.js';
import { feishuUuid } from '../../src/platforms/feishu/api.js';
import { importOrg } from '../../src/features/org/import.js';
import { readJsonRows } from '../../src/features/imports/tabular.js';
import { approveNovemberEastTeam } from '../helpers/assessment.js';
import { DINGTALK_ORG_ROWS, dingtalkEnv } from '../helpers/dingtalk.js';
import { FEISHU_TEST_APP, feishuDemoOrgRows, feishuEnv } from '../helpers/feishu.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { approvedResults, readDepartmentSheet } from '../helpers/workbook.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../simulators/dingtalk/simulator.js';
import { startFeishuSimulator, type FeishuSimulator } from '../simulators/feishu/server.js';

const NOW = '2026-12-01T08:00:00+08:00';

const typed = (platform: PlatformName, id: { kind: IdentityKind; value: string }, text: string, extra: Record<string, string> = {}): InboundMessage =>
  typedMessage(platform, id, text, Date.parse(NOW), extra);

describe('导出 on Feishu: upload to im/v1/files, then a file message (simulator)', () => {
  let sim: FeishuSimulator;
  let t: TestApp;
  beforeAll(async () => {
    sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
  });
  afterAll(async () => sim.close());
  beforeEach(async () => {
    t = await createTestApp({ now: NOW, seedDemoOrg: false, env: feishuEnv(sim.url) });
    const imported = await importOrg(t.db, readJsonRows(feishuDemoOrgRows()), { now: t.clock.now, actorUserId: null, source: 'cli' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    await approveNovemberEastTeam(t.app, t.db);
  });
  afterEach(async () => t.close());

  it('HR receives the workbook as a file; the uploaded bytes open with exceljs and equal the approved results', async () => {
    const uploadsBefore = sim.uploads.length;
    const sentBefore = sim.sent.length;
    const event = typed('feishu', { kind: 'open_id', value: 'ou_h001' }, '导出 2026-11');
    await t.app.bot.handleMessage(event);

    const uploads = sim.uploads.slice(uploadsBefore);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ fileType: 'xls', fileName: 'assessment-2026-11.xlsx' });
    const sent = sim.sent.slice(sentBefore);
    const fileMessage = sent.find((m) => m.msgType === 'file');
    expect(fileMessage).toMatchObject({ receiveIdType: 'open_id', receiveId: 'ou_h001', content: { file_key: uploads[0]!.fileKey }, uuid: feishuUuid(`export:feishu:${event.eventId}`) });
    // The answer in the conversation the request came from went first; the file followed it.
    expect(sent.map((m) => m.msgType)).toEqual(['text', 'file']);
    expect(sent.filter((m) => m.msgType === 'text').map((m) => m.content)).toEqual([{ text: '正在发送 2026-11 考核结果文件（1 个部门，5 人），请稍候：assessment-2026-11.xlsx' }]);

    const { rows } = await readDepartmentSheet(uploads[0]!.data, '华东一组');
    expect(rows).toEqual(await approvedResults(t.db, '2026-11', '华东一组'));
    expect(rows).toHaveLength(5);
  });

  it('a rep asking on Feishu is refused and nothing is uploaded', async () => {
    const uploadsBefore = sim.uploads.length;
    const sentBefore = sim.sent.length;
    await t.app.bot.handleMessage(typed('feishu', { kind: 'open_id', value: 'ou_s101' }, '导出 2026-11'));
    expect(sim.uploads.length).toBe(uploadsBefore);
    expect(sim.sent.slice(sentBefore).map((m) => m.content)).toEqual([{ text: '你没有权限执行此操作。' }]);
  });
});

describe('导出 on DingTalk: media/upload, then a sampleFile robot message (simulator)', () => {
  let sim: DingTalkSimulator;
  let t: TestApp;
  beforeAll(async () => {
    sim = await startDingTalkSimulator();
  });
  afterAll(async () => sim.close());
  beforeEach(async () => {
    t = await createTestApp({ now: NOW, seedDemoOrg: false, env: dingtalkEnv(sim, { DINGTALK_MODE: 'webhook', DINGTALK_CARD_CALLBACK_SECRET: 'sim-card-secret' }) });
    const imported = await importOrg(t.db, readJsonRows(DINGTALK_ORG_ROWS), { now: t.clock.now, actorUserId: null, source: 'cli' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    await approveNovemberEastTeam(t.app, t.db);
  });
  afterEach(async () => t.close());

  it('HR receives the workbook as a sampleFile message; the uploaded media opens with exceljs and equals the approved results', async () => {
    const uploadsBefore = sim.uploads.length;
    sim.sent.length = 0;
    await t.app.bot.handleMessage(typed('dingtalk', { kind: 'userId', value: 'dt-h001' }, '导出 2026-11', { senderStaffId: 'dt-h001' }));

    const uploads = sim.uploads.slice(uploadsBefore);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ type: 'file', fileName: 'assessment-2026-11.xlsx' });
    const toHr = sim.sentTo('dt-h001').map((s) => s.body as { msgKey: string; msgParam: string });
    // The answer first, then the file (delivered once the event's transaction has committed).
    expect(toHr.map((b) => b.msgKey)).toEqual(['sampleText', 'sampleFile']);
    expect(JSON.parse(toHr[0]!.msgParam)).toEqual({ content: '正在发送 2026-11 考核结果文件（1 个部门，5 人），请稍候：assessment-2026-11.xlsx' });
    expect(JSON.parse(toHr[1]!.msgParam)).toEqual({ mediaId: uploads[0]!.mediaId, fileName: 'assessment-2026-11.xlsx', fileType: 'xlsx' });

    const { rows } = await readDepartmentSheet(uploads[0]!.data, '华东一组');
    expect(rows).toEqual(await approvedResults(t.db, '2026-11', '华东一组'));
    expect(rows).toHaveLength(5);
  });

  it('a throttled upload is retried by the client and the file still arrives once', async () => {
    sim.sent.length = 0;
    sim.failNext('/media/upload', 1, 200, { errcode: 90002, errmsg: 'api frequency limit' });
    await t.app.bot.handleMessage(typed('dingtalk', { kind: 'userId', value: 'dt-h001' }, '导出 2026-11', { senderStaffId: 'dt-h001' }));
    expect(sim.sentTo('dt-h001').filter((s) => (s.body as { msgKey: string }).msgKey === 'sampleFile')).toHaveLength(1);
  });
});
