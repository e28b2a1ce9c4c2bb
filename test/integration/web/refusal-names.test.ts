import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { devLogin } from '../../helpers/web-session.js';

/** Platform and role names inside the H5 refusals come from the message tables, in the reader's language. */
describe('H5 refusals name platforms and roles in the reader’s language', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it('a login through a platform that is not enabled names it', async () => {
    const feishu = await t.app.inject({ method: 'POST', url: '/api/login/feishu', payload: { code: 'x' } });
    expect([feishu.statusCode, feishu.json().message]).toEqual([404, '本系统未启用飞书登录']);
    const dingtalk = await t.app.inject({ method: 'POST', url: '/api/login/dingtalk', headers: { 'x-locale': 'en' }, payload: { code: 'x' } });
    expect([dingtalk.statusCode, dingtalk.json().message]).toEqual([404, 'DingTalk login is not enabled on this system']);
  });

  it('a page for other roles names them', async () => {
    const rep = await devLogin(t.app, 'S101');
    const zh = await t.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: rep.cookie } });
    expect([zh.statusCode, zh.json().message]).toEqual([403, '这个页面只对HR、管理员开放']);
    const en = await t.app.inject({ method: 'GET', url: '/api/admin/channels', headers: { cookie: rep.cookie, 'x-locale': 'en' } });
    expect([en.statusCode, en.json().message]).toEqual([403, 'This page is only for admins']);
  });
});
