import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, runMigrations } from '../../src/db/client.js';
import { importOrg } from '../../src/features/org/import.js';
import { readJsonRows } from '../../src/features/imports/tabular.js';
import { launchChromium } from '../helpers/chromium.js';
import { dingtalkEnv, dingtalkUserId } from '../helpers/dingtalk.js';
import { FEISHU_TEST_APP, feishuDemoOrgRows, feishuEnv, feishuIdsOf } from '../helpers/feishu.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../simulators/dingtalk/simulator.js';
import { startFeishuSimulator, type FeishuSimulator } from '../simulators/feishu/server.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

useProcessTimeouts();

/**
 * The page's own login code inside Feishu and DingTalk: the real page and server, the platforms'
 * open APIs played by the simulators, and only the JSSDK (a CDN script inside the chat apps) stood
 * in for by a stub that hands the page a code the simulator issued.
 */
describe('H5 login from inside Feishu and DingTalk (browser)', () => {
  let dir: string;
  let feishu: FeishuSimulator;
  let dingtalk: DingTalkSimulator;
  let server: ServerProcess;
  let launched: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    feishu = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
    dingtalk = await startDingTalkSimulator();
    dir = mkdtempSync(join(tmpdir(), 'skb-h5-login-'));
    const databasePath = join(dir, 'h5.db');
    const db = openDatabase(databasePath);
    runMigrations(db);
    const rows = feishuDemoOrgRows().map((row) => ({ ...row, dingtalk_user_id: dingtalkUserId(row.employee_no as string) }));
    const imported = await importOrg(db, readJsonRows(rows), { now: Date.now(), actorUserId: null, source: 'cli' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    db.$client.close();
    server = await startServerProcess({
      env: {
        DATABASE_PATH: databasePath,
        SANDBOX_ENABLED: 'false',
        ...feishuEnv(feishu.url),
        ...dingtalkEnv(dingtalk, { DINGTALK_MODE: 'webhook', DINGTALK_CORP_ID: 'ding-corp-e2e' }),
      },
    });
    launched = await launchChromium();
  });

  afterAll(async () => {
    await launched?.close();
    await server?.stop();
    await feishu?.close();
    await dingtalk?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function pageAs(userAgent: string, sdkHost: RegExp, stub: string): Promise<Page> {
    const page = await launched.browser.newPage();
    page.setDefaultTimeout(30_000); // a waiting budget per page action
    await page.context().clearCookies();
    await page.addInitScript(`Object.defineProperty(navigator, 'userAgent', { get: () => ${JSON.stringify(userAgent)} });`);
    await page.route(sdkHost, (route) => route.fulfill({ contentType: 'application/javascript', body: stub }));
    return page;
  }

  it('inside Feishu: tt.requestAccess gives a code, the server exchanges it, the rep lands on their scorecard', async () => {
    const code = feishu.issueLoginCode({ ...feishuIdsOf('S101'), name: '张三' });
    const stub = `window.h5sdk = { ready: (fn) => fn() };
      window.tt = { requestAccess: ({ appID, success }) => { window.__appID = appID; success({ code: ${JSON.stringify(code)} }); } };`;
    const page = await pageAs('Mozilla/5.0 (iPhone) Lark/7.20.0 Feishu', /bytegoofy\.com/, stub);
    await page.goto(`${server.url}/app`);
    await page.waitForSelector('#scorecard');
    expect(await page.textContent('#who')).toBe('张三');
    expect(await page.evaluate(() => (window as unknown as { __appID: string }).__appID)).toBe(FEISHU_TEST_APP.appId);
    await page.close();
  });

  it('inside Feishu with a code already used: the page shows why and offers a retry', async () => {
    const code = feishu.issueLoginCode({ ...feishuIdsOf('S102'), name: '李四' });
    await fetch(`${server.url}/api/login/feishu`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    const stub = `window.h5sdk = { ready: (fn) => fn() }; window.tt = { requestAccess: ({ success }) => success({ code: ${JSON.stringify(code)} }) };`;
    const page = await pageAs('Mozilla/5.0 (Android) Feishu/7.20.0', /bytegoofy\.com/, stub);
    await page.goto(`${server.url}/app`);
    await page.waitForSelector('#main .error');
    expect(await page.textContent('#main .error')).toBe('登录码无效或已过期，请关闭后重新打开应用');
    expect(await page.locator('#main button', { hasText: '重试' }).count()).toBe(1);
    await page.close();
  });

  it('inside DingTalk: dd.requestAuthCode({corpId, clientId}) gives a code; the manager gets the team tab', async () => {
    const code = dingtalk.issueLoginCode(dingtalkUserId('S100'));
    const stub = `window.dd = { requestAuthCode: async ({ corpId, clientId }) => { window.__asked = corpId + '/' + clientId; return { code: ${JSON.stringify(code)} }; } };`;
    const page = await pageAs('Mozilla/5.0 (iPhone) AliApp(DingTalk/7.6.0)', /alicdn\.com/, stub);
    await page.goto(`${server.url}/app`);
    await page.waitForSelector('#nav a');
    expect(await page.textContent('#who')).toBe('王经理');
    expect(await page.locator('#nav a').allTextContents()).toEqual(['我的业绩', '我的记录', '团队', '考核', '目标拆分']);
    expect(await page.evaluate(() => (window as unknown as { __asked: string }).__asked)).toBe(`ding-corp-e2e/${dingtalk.clientId}`);
    await page.close();
  });

  it('in an ordinary browser with the sandbox off: no dev login, a hint to open it from the workbench', async () => {
    const page = await launched.browser.newPage();
    await page.context().clearCookies();
    await page.goto(`${server.url}/app`);
    await page.waitForSelector('#main .card p');
    expect(await page.textContent('#main .card p')).toBe('请在飞书或钉钉工作台中打开本应用。');
    expect(await page.locator('button[data-employee-no]').count()).toBe(0);
    await page.close();
  });
});
