import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closeAppDatabase, openPgAppDatabase, type Db } from '../../src/db/client.js';
import { tablesOf } from '../../src/db/dialect.js';
import { createJobRunsRepository, type ClaimRefusal } from '../../src/db/repositories/job-runs.js';
import { createOutboxStore, type NewOutboxRow, type OutboxRow } from '../../src/db/repositories/outbox-store.js';
import { createSettingsRepository } from '../../src/db/repositories/settings-repository.js';
import { createOpsStats } from '../../src/db/repositories/ops-stats.js';
import { createWebSessionStore } from '../../src/features/sessions/web-sessions.js';
import { createPgDatabase } from '../helpers/pg-cluster.js';

/**
 * Several instances on one PostgreSQL (issue 21): two app handles with their own pools on one database.
 * Outbox claims never hand a row to both, a stale lease cannot write, an expired one is taken over;
 * a job period is run once; a session and settings written by one are read by the other.
 */
describe('two instances on one PostgreSQL database', () => {
  let first: Db;
  let second: Db;
  beforeAll(async () => {
    const url = await createPgDatabase(inject('pgClusterUrl'), `outbox_jobs_${process.pid}`);
    first = await openPgAppDatabase(url, { poolSize: 4 });
    second = await openPgAppDatabase(url, { poolSize: 4, migrate: false });
  });
  afterAll(async () => {
    await closeAppDatabase(first);
    await closeAppDatabase(second);
  });

  const message = (key: string): NewOutboxRow => ({ idempotencyKey: key, platform: 'sandbox', target: { userId: 1 }, payload: { type: 'text', text: `回复 ${key}` } });

  it('concurrent batch claims from both instances never take the same row, and together take every due row', async () => {
    const stores = [createOutboxStore(first), createOutboxStore(second)];
    const keys = Array.from({ length: 24 }, (_, i) => `batch-${i}`);
    expect(await stores[0]!.insertNew(keys.map(message), 1_000)).toBe(24);
    expect(await stores[1]!.insertNew([message('batch-0')], 1_000)).toBe(0);

    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => stores[i % 2]!.claimDue({ now: 2_000, leaseMs: 60_000, limit: 4 })));
    const claimedIds = claims.flat().map((row) => row.id);
    expect(new Set(claimedIds).size).toBe(claimedIds.length);
    const leftOver = (await stores[0]!.claimDue({ now: 2_000, leaseMs: 60_000, limit: 100 })).map((row) => row.id);
    expect(new Set([...claimedIds, ...leftOver]).size).toBe(24);
    expect(claimedIds.length + leftOver.length).toBe(24);
    expect(await stores[1]!.countsByStatus()).toEqual({ sending: 24 });
    expect(await createOpsStats(second, ':memory:').outboxBacklog()).toEqual({ depth: 24, oldestCreatedAt: 1_000 });
  });

  it('a reply claimed by key from both instances at once is leased by exactly one', async () => {
    const stores = [createOutboxStore(first), createOutboxStore(second)];
    for (let round = 0; round < 6; round += 1) {
      const key = `reply-${round}`;
      await stores[round % 2]!.insertNew([message(key)], 3_000);
      const claims = await Promise.all([0, 1, 0, 1].map((i) => stores[i]!.claimDue({ now: 3_000, leaseMs: 60_000, limit: 1, onlyKey: key })));
      expect(claims.map((rows) => rows.length).sort()).toEqual([0, 0, 0, 1]);
      expect(claims.flat()[0]).toMatchObject({ idempotencyKey: key, status: 'sending', leaseUntil: 63_000 });
    }
  });

  it("an expired lease is claimed by the other instance; the first holder's writes are then refused", async () => {
    const [a, b] = [createOutboxStore(first), createOutboxStore(second)];
    await a.insertNew([message('fenced')], 10_000);
    const [byA] = (await a.claimDue({ now: 10_000, leaseMs: 500, limit: 1, onlyKey: 'fenced' })) as [OutboxRow];
    expect(await b.claimDue({ now: 10_100, leaseMs: 500, limit: 1, onlyKey: 'fenced' })).toEqual([]);

    const [byB] = (await b.claimDue({ now: 11_000, leaseMs: 5_000, limit: 1, onlyKey: 'fenced' })) as [OutboxRow];
    expect(byB.id).toBe(byA.id);
    expect(byB.leaseToken).not.toBe(byA.leaseToken);
    const staleLease = { id: byA.id, token: byA.leaseToken! };
    const liveLease = { id: byB.id, token: byB.leaseToken! };

    expect(await a.startSend(staleLease, { now: 11_001, leaseMs: 5_000 })).toBe(false);
    expect(await a.markSent(staleLease, { attempts: 1, now: 11_002, platformMessageId: 'from-a' })).toBe(false);
    expect(await a.markRetry(staleLease, { attempts: 1, now: 11_002, error: 'timeout', nextAttemptAt: 12_000 })).toBe(false);
    expect(await b.startSend(liveLease, { now: 11_003, leaseMs: 5_000 })).toBe(true);
    expect(await b.markSent(liveLease, { attempts: 1, now: 11_004, platformMessageId: 'from-b' })).toBe(true);
    expect(await a.byKey('fenced')).toEqual({ status: 'sent', platformMessageId: 'from-b', nextAttemptAt: 10_000 });
  });

  it("housekeeping purges a sent message's payload to its type (jsonb), once", async () => {
    const store = createOutboxStore(first);
    await store.insertNew([message('to-purge'), { ...message('a-file'), payload: { type: 'file', name: 'kpi.xlsx' } }], 20_000);
    for (const key of ['to-purge', 'a-file']) {
      const [row] = (await store.claimDue({ now: 20_000, leaseMs: 1_000, limit: 1, onlyKey: key })) as [OutboxRow];
      expect(await store.markSent({ id: row.id, token: row.leaseToken! }, { attempts: 1, now: 20_001, platformMessageId: `m-${key}` })).toBe(true);
    }
    expect(await store.purgeDeliveredPayloads({ sentBefore: 30_000, onlyFiles: true })).toBe(1);
    const payloadOf = async (key: string) => (await store.list('sent', 100)).find((row) => row.idempotencyKey === key)?.payload;
    expect(await payloadOf('a-file')).toEqual({ type: 'purged', was: 'file' });
    expect(await payloadOf('to-purge')).toEqual({ type: 'text', text: '回复 to-purge' });
    // The text message and the one sent in the fencing test; the purged file is not purged again.
    expect(await store.purgeDeliveredPayloads({ sentBefore: 30_000, onlyFiles: false })).toBe(2);
    expect(await payloadOf('to-purge')).toEqual({ type: 'purged', was: 'text' });
    expect(await store.purgeDeliveredPayloads({ sentBefore: 30_000, onlyFiles: false })).toBe(0);
  });

  it('a job period claimed by both instances at once is run once; a failed one is reopened by one of them', async () => {
    const runs = [createJobRunsRepository(first), createJobRunsRepository(second)];
    const claim = (i: number, periodKey: string, now: number) =>
      runs[i % 2]!.claim({ job: 'weekly-report', periodKey, trigger: 'schedule', now, force: false, takeOverRunning: false });
    const winners = (outcomes: (ClaimRefusal | null)[]) => outcomes.filter((o) => o === null).length;

    for (let week = 1; week <= 5; week += 1) {
      const periodKey = `2026-W0${week}`;
      const outcomes = await Promise.all([0, 1, 2, 3].map((i) => claim(i, periodKey, 100 * week)));
      expect(winners(outcomes)).toBe(1);
      expect(outcomes.filter((o) => o?.reason === 'running')).toHaveLength(3);

      await runs[1]!.finish('weekly-report', periodKey, { status: 'failed', at: 100 * week + 1, error: 'platform down' });
      const retries = await Promise.all([0, 1, 2, 3].map((i) => claim(i, periodKey, 100 * week + 2)));
      expect(winners(retries)).toBe(1);

      await runs[0]!.finish('weekly-report', periodKey, { status: 'succeeded', at: 100 * week + 3, result: { sent: 12 } });
      const afterSuccess = await Promise.all([0, 1].map((i) => claim(i, periodKey, 100 * week + 4)));
      expect(afterSuccess.map((o) => o?.reason)).toEqual(['already-ran', 'already-ran']);
    }
    const listed = await runs[1]!.list();
    expect(listed).toHaveLength(5);
    expect(listed[0]).toMatchObject({ job: 'weekly-report', periodKey: '2026-W05', status: 'succeeded', startedAt: 502, result: { sent: 12 } });
  });

  it('a web session created through one instance is resolved through the other', async () => {
    const { users } = tablesOf(first);
    const [user] = await first.insert(users).values({ employeeNo: 'E-1', name: '张三', createdAt: 1, updatedAt: 1 }).returning({ id: users.id });
    const clock = () => 50_000;
    const onFirst = createWebSessionStore({ db: first, clock }, { secret: 's3cret' });
    const onSecond = createWebSessionStore({ db: second, clock }, { secret: 's3cret' });
    const { cookieValue, session } = await onFirst.create(user!.id, 'feishu');
    expect(await onSecond.resolve(cookieValue)).toEqual(session);
    await onSecond.destroy(cookieValue);
    expect(await onFirst.resolve(cookieValue)).toBeUndefined();
  });

  it('settings set on one instance are read on the other, audited, and unchanged keys skipped', async () => {
    const context = { now: 60_000, actorUserId: null, source: 'admin' };
    const changed = await createSettingsRepository(first).setMany(
      [
        { key: 'alerts.quietDays', value: 3 },
        { key: 'alerts.channels', value: ['feishu', 'dingtalk'] },
        { key: 'other.flag', value: true },
      ],
      context,
    );
    expect(changed).toBe(3);
    const read = await createSettingsRepository(second).withPrefix('alerts.');
    expect(Object.fromEntries(read)).toEqual({ 'alerts.quietDays': 3, 'alerts.channels': ['feishu', 'dingtalk'] });
    expect(await createSettingsRepository(second).setMany([{ key: 'alerts.quietDays', value: 3 }, { key: 'alerts.channels', value: null }], context)).toBe(1);
    expect(Object.fromEntries(await createSettingsRepository(first).withPrefix('alerts.'))).toEqual({ 'alerts.quietDays': 3 });
    const { auditLog } = tablesOf(first);
    const audited = await first.select({ entityId: auditLog.entityId, after: auditLog.after }).from(auditLog);
    expect(audited.map((row) => row.entityId).sort()).toEqual(['alerts.channels', 'alerts.channels', 'alerts.quietDays', 'other.flag']);
  });

  it('an object setting saved again unchanged is skipped, though jsonb gives its keys back in its own order', async () => {
    const context = { now: 70_000, actorUserId: null, source: 'admin' };
    const value = { zeta: 1, alpha: { later: true, early: [2, 1] } };
    expect(await createSettingsRepository(first).setMany([{ key: 'layout.card', value }], context)).toBe(1);
    expect(await createSettingsRepository(second).setMany([{ key: 'layout.card', value: { ...value } }], context)).toBe(0);
    expect(await createSettingsRepository(second).setMany([{ key: 'layout.card', value: { ...value, zeta: 2 } }], context)).toBe(1);
  });
});
