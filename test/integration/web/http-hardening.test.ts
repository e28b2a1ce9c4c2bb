import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { feishuEnv } from '../../helpers/feishu.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../helpers/test-app.js';
import { devLogin } from '../../helpers/web-session.js';
import { startFeishuSimulator, type FeishuSimulator } from '../../simulators/feishu/server.js';
import { FEISHU_TEST_APP } from '../../helpers/feishu.js';
import { createExchangeLimiter, ExchangeBusyError } from '../../../src/web/login-exchange-limiter.js';

/**
 * Rate limits (429 + Retry-After) on the login, webhook and admin routes, the process-wide cap on
 * outbound login code exchanges, and the security headers. The request counters run on Date, faked
 * here; the exchange cap runs on the app's injected clock. No test waits on wall time.
 */

let sim: FeishuSimulator;
let t: TestApp | undefined;
beforeAll(async () => {
  sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
});
afterAll(async () => sim.close());
afterEach(async () => {
  vi.useRealTimers();
  await t?.close();
  t = undefined;
});

const login = (app: TestApp, code: string, remoteAddress = '198.51.100.7') =>
  app.app.inject({ method: 'POST', url: '/api/login/feishu', payload: { code }, remoteAddress });

describe('rate limits', () => {
  it('login: N calls from one address pass, the N+1st is 429 with Retry-After, and the platform saw at most N exchanges', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-27T02:00:00Z') });
    t = await createTestApp({ env: { ...feishuEnv(sim.url), RATE_LIMIT_LOGIN_PER_MINUTE: '3' } });
    const before = sim.loginExchanges();
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await login(t, `bogus-${i}`));
    expect(answers.slice(0, 3).map((a) => a.statusCode)).toEqual([401, 401, 401]);
    expect(answers[3]?.statusCode).toBe(429);
    expect(answers[3]?.headers['retry-after']).toBe('60');
    expect(answers[3]?.json()).toMatchObject({ error: 'RATE_LIMITED' });
    expect(sim.loginExchanges() - before).toBe(3);
    // Another address has its own allowance; the first gets one again after the minute.
    expect((await login(t, 'bogus-x', '198.51.100.8')).statusCode).toBe(401);
    vi.setSystemTime(new Date('2026-11-27T02:01:00Z'));
    expect((await login(t, 'bogus-y')).statusCode).toBe(401);
  });

  it('login: many addresses together cannot make more than LOGIN_EXCHANGES_PER_MINUTE exchanges (429 LOGIN_BUSY, Retry-After)', async () => {
    t = await createTestApp({ env: { ...feishuEnv(sim.url), LOGIN_EXCHANGES_PER_MINUTE: '2' } });
    const before = sim.loginExchanges();
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await login(t, `bogus-${i}`, `203.0.113.${i + 1}`));
    expect(answers.map((a) => a.statusCode)).toEqual([401, 401, 429, 429, 429]);
    expect(answers[2]?.headers['retry-after']).toBe('60');
    expect(answers[2]?.json()).toEqual({ error: 'LOGIN_BUSY', message: '登录人数较多，请稍等片刻后重试' });
    expect(sim.loginExchanges() - before).toBe(2);
    t.clock.advance(60_000);
    expect((await login(t, 'bogus-later', '203.0.113.99')).statusCode).toBe(401);
    expect(sim.loginExchanges() - before).toBe(3);
  });

  it('webhook and admin routes: 429 with Retry-After past their limits, counted apart', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-27T02:00:00Z') });
    t = await createTestApp({ env: { ...feishuEnv(sim.url), RATE_LIMIT_WEBHOOK_PER_MINUTE: '2', RATE_LIMIT_ADMIN_PER_MINUTE: '2' } });
    const hook = () => t!.app.inject({ method: 'POST', url: '/webhooks/feishu/events', headers: { 'content-type': 'application/json' }, payload: '{}' });
    const admin = () => t!.app.inject({ method: 'GET', url: '/admin/jobs', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect([(await hook()).statusCode, (await hook()).statusCode]).toEqual([401, 401]);
    const limited = await hook();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('60');
    expect([(await admin()).statusCode, (await admin()).statusCode, (await admin()).statusCode]).toEqual([200, 200, 429]);
    // Health checks are never counted.
    for (let i = 0; i < 5; i += 1) expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('the exchange limiter', () => {
  it('refuses at once (never queues) while `concurrency` exchanges are running', async () => {
    const limiter = createExchangeLimiter({ perMinute: 100, concurrency: 2 }, () => 0);
    const gates: (() => void)[] = [];
    const slow = () => limiter.run(() => new Promise<string>((resolve) => gates.push(() => resolve('ok'))));
    const first = slow();
    const second = slow();
    await expect(slow()).rejects.toBeInstanceOf(ExchangeBusyError);
    for (const open of gates) open();
    await expect(Promise.all([first, second])).resolves.toEqual(['ok', 'ok']);
    await expect(limiter.run(async () => 'again')).resolves.toBe('again');
  });
});

describe('security headers', () => {
  it('a CSP that lets the platform JSSDKs load and the Feishu / DingTalk clients frame the page; nosniff; no X-Frame-Options', async () => {
    t = await createTestApp({});
    const page = await t.app.inject({ method: 'GET', url: '/app/' });
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self' https://lf1-cdn-tos.bytegoofy.com https://g.alicdn.com");
    expect(csp).toContain('frame-ancestors');
    for (const origin of ['https://*.feishu.cn', 'https://*.larksuite.com', 'https://*.dingtalk.com']) expect(csp).toContain(origin);
    expect(csp).toContain("object-src 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBeUndefined();
  });

  it('API answers are Cache-Control: no-store; the sandbox page allows only its own inline code, by hash', async () => {
    t = await createTestApp({});
    const session = await devLogin(t.app, 'S101');
    const me = await session.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    expect((await t.app.inject({ method: 'GET', url: '/api/login/options' })).headers['cache-control']).toBe('no-store');
    const sandbox = await t.app.inject({ method: 'GET', url: '/sandbox' });
    expect(String(sandbox.headers['content-security-policy'])).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-/);
    expect(sandbox.headers['x-content-type-options']).toBe('nosniff');
  });
});
