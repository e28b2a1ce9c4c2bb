import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createMetricsServer } from '../../src/http/metrics-route.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { replyText, sandboxChat } from '../helpers/sandbox-chat.js';
import { seedCustomer } from '../helpers/records.js';

const TOKEN = 'metrics-token-0123456789';

/** The value of one sample line (`name{labels} value`) whose labels include all of `labels`; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',');
    if (wanted.every((w) => have.includes(w))) return Number(match[3]);
  }
  return 0;
}

describe('GET /metrics', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function scrape(app: TestApp['app']): Promise<string> {
    const res = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return res.body;
  }

  it('counts a typed visit, its scoring, its delivered reply and a job run, and reads the outbox and the database file', async () => {
    t = await createTestApp({ env: { METRICS_TOKEN: TOKEN } });
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
    const before = await scrape(t.app);
    expect(sample(before, 'skb_inbound_events_total', { platform: 'sandbox', kind: 'message' })).toBe(0);

    const [reply] = await sandboxChat(t.app, 'S101').say('拜访 华为 聊了预算');
    // Saved, with the month's progress: the scorer ran.
    expect(replyText(reply!)).toContain('本月拜访次数');
    expect((await t.app.jobs.run('housekeeping', { trigger: 'cli' })).status).toBe('succeeded');
    // A message queued and not yet sent: the backlog gauges see it, aged by the injected clock.
    await t.app.botDeps.outbox.enqueue([{ idempotencyKey: 'metrics-test', platform: 'sandbox', target: { kind: 'user', recipient: { platform: 'sandbox', userRef: '1' } }, payload: { type: 'text', text: 'x' } }]);
    t.clock.advance(90_000);

    const after = await scrape(t.app);
    expect(sample(after, 'skb_inbound_events_total', { platform: 'sandbox', kind: 'message' })).toBe(1);
    expect(sample(after, 'skb_command_duration_seconds_count', { command: 'visit' })).toBe(1);
    expect(sample(after, 'skb_outbox_sends_total', { platform: 'sandbox', result: 'sent' })).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'skb_job_runs_total', { job: 'housekeeping', result: 'succeeded' })).toBe(1);
    expect(sample(after, 'skb_scoring_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'skb_outbox_depth')).toBe(1);
    expect(sample(after, 'skb_outbox_oldest_age_seconds')).toBe(90);
    expect(sample(after, 'skb_database_size_bytes', { file: 'main' })).toBeGreaterThan(0);
    expect(after).toMatch(/^process_cpu_user_seconds_total /m);
    expect(after).toMatch(/^nodejs_heap_size_used_bytes /m);
  });

  it('refuses a scrape without the token or with a wrong one (401)', async () => {
    t = await createTestApp({ env: { METRICS_TOKEN: TOKEN } });
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer metrics-token-0123456780' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).not.toContain('skb_');
  });

  it('is off by default: no /metrics on the main port (404) and no metrics built', async () => {
    t = await createTestApp();
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(404);
    expect(t.app.metrics).toBeNull();
  });

  it('with METRICS_PORT only, the main port has no /metrics and the metrics listener serves it without a token', async () => {
    t = await createTestApp({ env: { METRICS_PORT: '9464' } });
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    const server = createMetricsServer(t.app.metrics!, pino({ level: 'silent' }));
    try {
      const res = await server.inject({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('skb_outbox_depth 0');
    } finally {
      await server.close();
    }
  });

  it('gives each app its own registry: two apps in one process count their own traffic', async () => {
    t = await createTestApp({ env: { METRICS_TOKEN: TOKEN } });
    const other = await createTestApp({ env: { METRICS_TOKEN: TOKEN } });
    try {
      await sandboxChat(other.app, 'S101').say('拜访 华为 聊了预算');
      expect(sample(await scrape(other.app), 'skb_inbound_events_total', { platform: 'sandbox', kind: 'message' })).toBe(1);
      expect(sample(await scrape(t.app), 'skb_inbound_events_total', { platform: 'sandbox', kind: 'message' })).toBe(0);
    } finally {
      await other.close();
    }
  });
});
