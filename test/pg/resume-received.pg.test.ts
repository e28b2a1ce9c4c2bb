import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { executeSql, queryRows } from '../../src/db/dialect.js';
import { createInboundEvents } from '../../src/features/inbound/events.js';
import { openFreshPgDb } from './app-db.js';

/**
 * Two instances on one PostgreSQL handling the same stored message: a replacement starting during a
 * rolling restart resumes every 'received' row, including one the other instance is handling at that
 * moment. The message's work must still run once.
 */
describe('a received message handled by two instances at once', () => {
  let pg: Awaited<ReturnType<typeof openFreshPgDb>>;
  let db: Db;
  beforeAll(async () => {
    pg = await openFreshPgDb('resume_received');
    db = pg.db;
    await executeSql(db, sql`CREATE TABLE effects (event_id text NOT NULL)`);
  });
  afterAll(async () => pg.close());

  it("runs the work once: the second waits for the first's commit and finds the message done", async () => {
    const clock = () => 1_000;
    const survivor = createInboundEvents({ db, clock });
    const replacement = createInboundEvents({ db, clock });
    const event = { platform: 'feishu', eventId: 'om_in_flight' };
    expect(await survivor.receive(event)).toBe(true);

    let runs = 0;
    const work = async () => {
      runs += 1;
      await executeSql(db, sql`INSERT INTO effects (event_id) VALUES (${event.eventId})`);
      // Long enough for the other instance's transaction to start meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 200));
      return ['reply-key'];
    };
    const live = survivor.handleReceived(event, work);
    // The replacement's resume reads the row while the survivor's transaction has not committed.
    expect(await replacement.pending(10)).toEqual([event]);
    const resumed = replacement.handleReceived(event, work);
    const outcomes = await Promise.all([live, resumed]);

    expect(runs).toBe(1);
    expect(outcomes.filter((keys) => keys !== undefined)).toEqual([['reply-key']]);
    expect(await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM effects`)).toEqual([{ n: 1 }]);
    expect(await replacement.pending(10)).toEqual([]);
  });

  it('leaves the message received when the work fails, for the next try', async () => {
    const events = createInboundEvents({ db, clock: () => 2_000 });
    const event = { platform: 'feishu', eventId: 'om_failing' };
    await events.receive(event);
    await expect(events.handleReceived(event, async () => Promise.reject(new Error('command crashed')))).rejects.toThrow('command crashed');
    expect(await events.pending(10)).toEqual([event]);
    expect(await events.handleReceived(event, async () => 'handled')).toBe('handled');
    expect(await events.pending(10)).toEqual([]);
  });
});
