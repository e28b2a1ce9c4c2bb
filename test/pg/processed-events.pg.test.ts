import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, type Db } from '../../src/db/client.js';
import { createProcessedEvents } from '../../src/db/repositories/processed-events.js';
import { createTestDb } from '../helpers/test-app.js';
import { openFreshPgDb } from './app-db.js';

/**
 * The dialect layer (src/db/dialect.ts) on PostgreSQL through one repository: prepared hot statements,
 * affected-row counts, and the transaction proxy — a feature's transaction commits or rolls back as a
 * whole, a nested one is a savepoint, and two callers' transactions never see each other's writes.
 */
describe('processed events on PostgreSQL', () => {
  let pg: Awaited<ReturnType<typeof openFreshPgDb>>;
  let db: Db;
  beforeAll(async () => {
    pg = await openFreshPgDb('processed_events');
    db = pg.db;
  });
  afterAll(async () => pg.close());

  it('stores an event once, lists it until done, and purges by age', async () => {
    const events = createProcessedEvents(db);
    expect(await events.receive('feishu', 'e1', { text: '拜访 华为' }, 1_000)).toBe(true);
    expect(await events.receive('feishu', 'e1', { text: 'replayed' }, 2_000)).toBe(false);
    expect(await events.received(10)).toEqual([{ platform: 'feishu', eventId: 'e1', event: { text: '拜访 华为' } }]);
    await events.markDone('feishu', 'e1');
    expect(await events.received(10)).toEqual([]);
    expect(await events.claim('dingtalk', 'c1', 5_000)).toBe(true);
    expect(await events.claim('dingtalk', 'c1', 5_001)).toBe(false);
    expect(await events.purgeOlderThan(3_000)).toBe(1);
    expect(await events.claim('feishu', 'e1', 6_000)).toBe(true);
  });

  it('a transaction that throws leaves nothing; a nested one that throws undoes only its own writes', async () => {
    const events = createProcessedEvents(db);
    await expect(
      inTransaction(db, async () => {
        await events.receive('feishu', 'rolled-back', {}, 10_000);
        throw new Error('command failed');
      }),
    ).rejects.toThrow('command failed');
    expect(await events.claim('feishu', 'rolled-back', 10_001)).toBe(true);

    await inTransaction(db, async () => {
      await events.receive('feishu', 'outer', {}, 11_000);
      await expect(
        inTransaction(db, async () => {
          await events.receive('feishu', 'inner', {}, 11_001);
          throw new Error('inner failed');
        }),
      ).rejects.toThrow('inner failed');
    });
    expect(await events.claim('feishu', 'outer', 11_002)).toBe(false);
    expect(await events.claim('feishu', 'inner', 11_003)).toBe(true);
  });

  it("two callers' transactions run on their own connections: neither sees the other's uncommitted row", async () => {
    const events = createProcessedEvents(db);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let stored!: () => void;
    const written = new Promise<void>((resolve) => (stored = resolve));
    const first = inTransaction(db, async () => {
      await events.receive('feishu', 'isolated', {}, 20_000);
      stored();
      await held;
    });
    await written;
    const seenOutside = (await events.received(100)).some((row) => row.eventId === 'isolated');
    release();
    await first;
    expect(seenOutside).toBe(false);
    expect((await events.received(100)).some((row) => row.eventId === 'isolated')).toBe(true);
  });
});

describe('the same repository on SQLite', () => {
  it('answers the same way', async () => {
    const sqlite = createTestDb();
    try {
      const events = createProcessedEvents(sqlite.db);
      expect(await events.receive('feishu', 'e1', { text: '拜访 华为' }, 1_000)).toBe(true);
      expect(await events.receive('feishu', 'e1', {}, 2_000)).toBe(false);
      expect(await events.received(10)).toEqual([{ platform: 'feishu', eventId: 'e1', event: { text: '拜访 华为' } }]);
      expect(await events.purgeOlderThan(3_000)).toBe(1);
    } finally {
      sqlite.cleanup();
    }
  });
});
