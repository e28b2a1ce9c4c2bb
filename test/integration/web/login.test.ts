import { count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { importOrg } from '../../../src/features/org/import.js';
import { readJsonRows } from '../../../src/features/imports/tabular.js';
import { DINGTALK_ORG_ROWS, dingtalkEnv } from '../../helpers/dingtalk.js';
import { feishuDemoOrgRows, feishuEnv, feishuIdsOf } from '../../helpers/feishu.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { devLogin, sessionCookieOf, webClient } from '../../helpers/web-session.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../simulators/dingtalk/simulator.js';
import { startFeishuSimulator, type FeishuSimulator } from '../../simulators/feishu/server.js';
import { FEISHU_TEST_APP } from '../../helpers/feishu.js';

async function appWithOrg(env: Record<string, string>, rows: Record<string, string>[]): Promise<TestApp> {
  const t = await createTestApp({ seedDemoOrg: false, env });
  const imported = await importOrg(t.db, readJsonRows(rows), { now: t.clock.now, actorUserId: null, source: 'cli' });
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  return t;
}

async function sessionRows(t: TestApp): Promise<number> {
  const { webSessions } = tablesOf(t.db);
  return (await t.db.select({ n: count() }).from(webSessions))[0]!.n;
}

async function deactivate(t: TestApp, employeeNo: string): Promise<void> {
  const { users } = tablesOf(t.db);
  await t.db.update(users).set({ active: false }).where(eq(users.employeeNo, employeeNo));
}

describe('H5 login inside Feishu (authen v2 against the simulator)', () => {
  let sim: FeishuSimulator;
  let t: TestApp;
  beforeAll(async () => {
    sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
  });
  afterAll(async () => sim.close());
  afterEach(async () => {
    await t?.close();
  });

  const login = (code: string) => t.app.inject({ method: 'POST', url: '/api/login/feishu', payload: { code } });

  it('a good code becomes a session for the org user with those Feishu ids', async () => {
    t = await appWithOrg({ ...feishuEnv(sim.url), SANDBOX_ENABLED: 'false' }, feishuDemoOrgRows());
    const answer = await login(sim.issueLoginCode({ ...feishuIdsOf('S101'), name: '张三' }));
    expect(answer.statusCode).toBe(200);
    const setCookie = String(answer.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\/;/);
    expect(setCookie).not.toMatch(/Secure/);
    const me = await webClient(t.app, answer).get('/api/me');
    expect(me.json()).toMatchObject({ user: { employeeNo: 'S101', name: '张三', roles: ['rep'] }, platform: 'feishu', scope: 'own' });
    expect(await sessionRows(t)).toBe(1);
    // Only the hash of the session id is stored.
    const { webSessions } = tablesOf(t.db);
    const [stored] = await t.db.select({ idHash: webSessions.idHash }).from(webSessions);
    expect(sessionCookieOf(answer)).not.toContain(stored!.idHash);
  });

  it('a used or expired code is refused with a clear message and no session', async () => {
    t = await appWithOrg({ ...feishuEnv(sim.url), SANDBOX_ENABLED: 'false' }, feishuDemoOrgRows());
    const code = sim.issueLoginCode({ ...feishuIdsOf('S101'), name: '张三' });
    expect((await login(code)).statusCode).toBe(200);
    const reused = await login(code);
    expect(reused.statusCode).toBe(401);
    expect(reused.json()).toEqual({ error: 'LOGIN_CODE_INVALID', message: '登录码无效或已过期，请关闭后重新打开应用' });
    expect(reused.headers['set-cookie']).toBeUndefined();
    const expired = await login(sim.issueLoginCode({ ...feishuIdsOf('S102'), name: '李四' }, { expiresInMs: -1 }));
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error).toBe('LOGIN_CODE_INVALID');
    expect(await sessionRows(t)).toBe(1);
  });

  it('a Feishu user who is not in the org, or is deactivated, is refused', async () => {
    t = await appWithOrg({ ...feishuEnv(sim.url), SANDBOX_ENABLED: 'false' }, feishuDemoOrgRows());
    const stranger = await login(sim.issueLoginCode({ open_id: 'ou_stranger', union_id: 'on_stranger', name: '路人' }));
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json()).toEqual({ error: 'USER_NOT_REGISTERED', message: '你还不在本系统的组织名单中，请联系 HR 或管理员导入后再试' });
    await deactivate(t, 'S103');
    const gone = await login(sim.issueLoginCode({ ...feishuIdsOf('S103'), name: '赵敏' }));
    expect(gone.statusCode).toBe(403);
    expect(gone.json().error).toBe('USER_INACTIVE');
    expect(await sessionRows(t)).toBe(0);
  });

  it('the dev login does not exist when the sandbox is off', async () => {
    t = await appWithOrg({ ...feishuEnv(sim.url), SANDBOX_ENABLED: 'false' }, feishuDemoOrgRows());
    expect((await t.app.inject({ method: 'POST', url: '/api/login/dev', payload: { employeeNo: 'A001' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/login/options' })).json()).toEqual({ feishu: { appId: FEISHU_TEST_APP.appId }, dingtalk: null, devLogin: false });
  });
});

describe('H5 login inside DingTalk (getuserinfo against the simulator)', () => {
  let sim: DingTalkSimulator;
  let t: TestApp;
  beforeAll(async () => {
    sim = await startDingTalkSimulator();
  });
  afterAll(async () => sim.close());
  afterEach(async () => {
    await t?.close();
  });

  const login = (code: string) => t.app.inject({ method: 'POST', url: '/api/login/dingtalk', payload: { code } });

  it('a good code becomes a session; a used code and an unknown user are refused', async () => {
    t = await appWithOrg({ ...dingtalkEnv(sim, { DINGTALK_MODE: 'webhook', DINGTALK_CORP_ID: 'ding-corp-1' }), SANDBOX_ENABLED: 'false' }, DINGTALK_ORG_ROWS.filter((r) => r.employee_no !== 'S205'));
    const code = sim.issueLoginCode('dt-s100');
    const answer = await login(code);
    expect(answer.statusCode).toBe(200);
    expect(answer.json().user).toMatchObject({ employeeNo: 'S100', name: '王经理' });
    expect((await webClient(t.app, answer).get('/api/me')).json()).toMatchObject({ platform: 'dingtalk', scope: 'team' });

    const reused = await login(code);
    expect(reused.statusCode).toBe(401);
    expect(reused.json().error).toBe('LOGIN_CODE_INVALID');
    // dt-s205 is in the DingTalk directory but was not imported into the org.
    const stranger = await login(sim.issueLoginCode('dt-s205'));
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json().error).toBe('USER_NOT_REGISTERED');
    expect((await t.app.inject({ method: 'GET', url: '/api/login/options' })).json()).toMatchObject({ dingtalk: { clientId: sim.clientId, corpId: 'ding-corp-1' } });
  });
});

describe('H5 sessions', () => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('refuses calls without a session, with a forged cookie, after expiry, after logout and after deactivation', async () => {
    t = await createTestApp();
    expect((await t.app.inject({ method: 'GET', url: '/api/me' })).json()).toEqual({ error: 'UNAUTHORIZED', message: '请先登录' });
    const rep = await devLogin(t.app, 'S101');
    expect((await rep.get('/api/me')).statusCode).toBe(200);

    const [id] = rep.cookie.replace('skb_session=', '').split('.');
    const forged = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `skb_session=${id}.AAAA` } });
    expect(forged.statusCode).toBe(401);

    t.clock.advance(13 * 60 * 60 * 1000);
    expect((await rep.get('/api/me')).statusCode).toBe(401);

    const again = await devLogin(t.app, 'S101');
    expect((await again.post('/api/logout', {})).statusCode).toBe(200);
    expect((await again.get('/api/me')).statusCode).toBe(401);

    const third = await devLogin(t.app, 'S102');
    await deactivate(t, 'S102');
    const refused = await third.get('/api/me');
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error).toBe('USER_INACTIVE');
  });

  it('refuses a write without the CSRF header or with a wrong one, and leaves the data as it was', async () => {
    t = await createTestApp();
    const rep = await devLogin(t.app, 'S101');
    const salesChannels = (await rep.get('/api/channels')).json().salesChannels as { id: number }[];
    const body = { name: '跨站客户', salesChannelId: salesChannels[0]?.id };
    const missing = await rep.post('/api/customers', body, { csrf: null });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toEqual({ error: 'CSRF_INVALID', message: '页面已过期，请刷新后重试' });
    const other = await devLogin(t.app, 'S102');
    expect((await rep.post('/api/customers', body, { csrf: other.csrfToken })).statusCode).toBe(403);
    const { customers } = tablesOf(t.db);
    expect(await t.db.select({ n: count() }).from(customers).where(eq(customers.name, '跨站客户'))).toEqual([{ n: 0 }]);
    expect((await rep.post('/api/customers', body)).statusCode).toBe(201);
  });

  it('marks the cookie Secure when the public URL is https, and answers in English when asked', async () => {
    t = await createTestApp({ env: { PUBLIC_BASE_URL: 'https://kpi.example.com' } });
    const answer = await t.app.inject({ method: 'POST', url: '/api/login/dev', payload: { employeeNo: 'S101' } });
    expect(String(answer.headers['set-cookie'])).toMatch(/; Secure/);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/login/dev', headers: { 'x-locale': 'en' }, payload: { employeeNo: 'X999' } });
    expect(unknown.statusCode).toBe(403);
    expect(unknown.json().message).toMatch(/not in this system/);
  });
});
