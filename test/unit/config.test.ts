import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, startupWarnings } from '../../src/config.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('config', () => {
  it('has working defaults: no platform, sandbox off until asked for, Asia/Shanghai', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databasePath: './data/sales-kpi.db',
      timezone: 'Asia/Shanghai',
      sandbox: { enabled: false },
      feishu: { enabled: false },
      dingtalk: { enabled: false },
      adminToken: undefined,
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '3.5' }, 'PORT'],
    [{ DATABASE_PATH: './data/' }, 'DATABASE_PATH'],
    [{ DATABASE_PATH: 'a\u0000b' }, 'DATABASE_PATH'],
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL'],
    [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE'],
    [{ APP_TIMEZONE: 'Mars/Olympus' }, 'APP_TIMEZONE'],
    [{ PUBLIC_BASE_URL: 'not a url' }, 'PUBLIC_BASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN'],
    [{ FEISHU_MODE: 'carrier-pigeon' }, 'FEISHU_MODE'],
    [{ FEISHU_APP_ID: 'cli_x' }, 'FEISHU_APP_SECRET'],
    [{ DINGTALK_CLIENT_SECRET: 's' }, 'DINGTALK_CLIENT_ID'],
  ])('rejects %o naming %s', (env, name) => {
    const list = problems(env);
    expect(list.length).toBeGreaterThan(0);
    expect(list.join('\n')).toContain(name);
  });

  it('never echoes a secret value in its error', () => {
    const list = problems({ ADMIN_TOKEN: 'tiny-secret' });
    expect(list.join('\n')).not.toContain('tiny-secret');
  });

  it('enables a platform when its credentials are set, and then turns the sandbox off by default', () => {
    const config = loadConfig({ FEISHU_APP_ID: 'cli_a', FEISHU_APP_SECRET: 's', FEISHU_VERIFICATION_TOKEN: 'v', FEISHU_BASE_URL: 'http://127.0.0.1:9/' });
    expect(config.feishu).toMatchObject({ enabled: true, appId: 'cli_a', baseUrl: 'http://127.0.0.1:9' });
    expect(config.sandbox.enabled).toBe(false);
    expect(loadConfig({ FEISHU_APP_ID: 'cli_a', FEISHU_APP_SECRET: 's', FEISHU_ENCRYPT_KEY: 'k', SANDBOX_ENABLED: 'true' }).sandbox.enabled).toBe(true);
  });

  it('turns the sandbox on only when asked for, and a production start with it on is warned about loudly', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).sandbox.enabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).sandbox.enabled).toBe(false);
    expect(loadConfig({ SANDBOX_ENABLED: 'true' }).sandbox.enabled).toBe(true);
    expect(startupWarnings(loadConfig({ SANDBOX_ENABLED: 'true' }))).toEqual([]);
    expect(startupWarnings(loadConfig({ NODE_ENV: 'production' }))).toEqual([]);
    const production = loadConfig({ NODE_ENV: 'production', SANDBOX_ENABLED: 'true' });
    expect(production.sandbox.enabled).toBe(true);
    expect(startupWarnings(production)).toEqual([expect.stringContaining('SANDBOX_ENABLED=true in production')]);
  });

  it('refuses token-only Feishu webhooks in production (unsigned callbacks), with a message naming FEISHU_ENCRYPT_KEY', () => {
    const feishu = { FEISHU_APP_ID: 'cli_a', FEISHU_APP_SECRET: 's', FEISHU_VERIFICATION_TOKEN: 'v' };
    expect(problems({ ...feishu, NODE_ENV: 'production' })).toEqual([expect.stringContaining('FEISHU_ENCRYPT_KEY: required in production')]);
    expect(problems({ ...feishu, NODE_ENV: 'production', FEISHU_ENCRYPT_KEY: 'k' })).toEqual([]);
    expect(problems({ ...feishu, NODE_ENV: 'development' })).toEqual([]);
  });

  it('reads the HTTP rate limits with defaults and refuses nonsense', () => {
    expect(loadConfig({}).http).toEqual({ perMinute: { login: 20, webhook: 600, admin: 120, survey: 30 }, loginExchanges: { perMinute: 120, concurrency: 4 } });
    expect(loadConfig({ RATE_LIMIT_LOGIN_PER_MINUTE: '3', LOGIN_EXCHANGE_CONCURRENCY: '1' }).http).toMatchObject({ perMinute: { login: 3 }, loginExchanges: { concurrency: 1 } });
    expect(problems({ RATE_LIMIT_ADMIN_PER_MINUTE: '0' })).toEqual([expect.stringContaining('RATE_LIMIT_ADMIN_PER_MINUTE')]);
  });

  it('reads SURVEY_SECRET (32+ characters, never echoed back)', () => {
    expect(loadConfig({}).surveySecret).toBeUndefined();
    expect(loadConfig({ SURVEY_SECRET: 'x'.repeat(32) }).surveySecret).toBe('x'.repeat(32));
    expect(problems({ SURVEY_SECRET: 'too-short-secret' })).toEqual(['SURVEY_SECRET: must be at least 32 characters']);
  });

  it('reads the back-dating bound (7 calendar days by default) and refuses nonsense', () => {
    expect(loadConfig({}).backdateDays).toBe(7);
    expect(loadConfig({ BACKDATE_DAYS: '30' }).backdateDays).toBe(30);
    expect(problems({ BACKDATE_DAYS: '-1' })).toEqual([expect.stringContaining('BACKDATE_DAYS')]);
  });

  it('defaults the DingTalk robot code to the client id', () => {
    const config = loadConfig({ DINGTALK_CLIENT_ID: 'ding123', DINGTALK_CLIENT_SECRET: 's' });
    expect(config.dingtalk).toMatchObject({ enabled: true, robotCode: 'ding123', mode: 'stream' });
  });

  it('takes cron schedules per job from SCHEDULE_<JOB> and refuses a bad one at start-up', () => {
    expect(loadConfig({ SCHEDULE_WEEKLY_REPORT: '30 8 * * 1' }).schedules).toEqual({ 'weekly-report': '30 8 * * 1' });
    expect(loadConfig({}).schedules).toEqual({});
    expect(problems({ SCHEDULE_ALERTS: 'every evening' })).toEqual([expect.stringContaining('SCHEDULE_ALERTS: must be a cron expression')]);
  });

  it('reads alert thresholds with defaults, 0 turning a rule off, and refuses nonsense', () => {
    expect(loadConfig({}).alerts).toEqual({ noVisitWorkingDays: 3, monthToDateAchievementBelowPct: 60, stuckDealDays: 30, complaintResponseHours: 24, completenessBelowPct: 80 });
    expect(loadConfig({ ALERT_STUCK_DEAL_DAYS: '0' }).alerts.stuckDealDays).toBe(0);
    expect(problems({ ALERT_MTD_ACHIEVEMENT_BELOW_PCT: '150' })).toEqual([expect.stringContaining('ALERT_MTD_ACHIEVEMENT_BELOW_PCT: must be at most 100')]);
  });

  it('several instances split the Feishu limits so their sum stays under the app-wide ones; DATABASE_URL is kept out of the way of SQLite', () => {
    const feishu = { FEISHU_APP_ID: 'cli_a', FEISHU_APP_SECRET: 's', FEISHU_ENCRYPT_KEY: 'k' };
    const limits = (env: Record<string, string>) => {
      const config = loadConfig({ ...feishu, ...env }).feishu;
      return config.enabled ? config.rateLimits : undefined;
    };
    expect(limits({})).toEqual({ perSecond: 50, perMinute: 1000, perUserPerSecond: 5 });
    expect(limits({ APP_INSTANCES: '2' })).toEqual({ perSecond: 20, perMinute: 400, perUserPerSecond: 2 });
    expect(limits({ APP_INSTANCES: '3' })).toEqual({ perSecond: 13, perMinute: 266, perUserPerSecond: 1 });
    expect(problems({ APP_INSTANCES: '0' })).toEqual([expect.stringContaining('APP_INSTANCES')]);
    expect(loadConfig({}).database).toEqual({ url: undefined, poolSize: 10 });
    expect(loadConfig({ DATABASE_URL: 'postgres://bot:pw@db:5432/kpi', DATABASE_POOL_SIZE: '4' }).database).toEqual({ url: 'postgres://bot:pw@db:5432/kpi', poolSize: 4 });
  });
});
