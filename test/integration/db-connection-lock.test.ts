import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, runMigrations, type Db } from '../../src/db/client.js';
import { inAsyncTransaction, withConnection } from '../../src/db/connection-lock.js';

/*
 * Two async transactions and a plain read on one SQLite connection at once, each awaiting between
 * its writes. Without the connection lock the second BEGIN would fail (already in a transaction),
 * the reader would see half-done rows, and a rollback would undo the other side's writes too.
 */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('connection lock', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    runMigrations(db);
    db.$client.exec('CREATE TABLE lock_probe (who TEXT NOT NULL, n INTEGER NOT NULL)');
  });
  afterEach(() => closeDatabase(db));

  const client = () => db.$client;
  const insert = (who: string, n: number) => withConnection(client(), () => client().prepare('INSERT INTO lock_probe (who, n) VALUES (?, ?)').run(who, n));
  const rows = (who?: string) =>
    withConnection(client(), () => (who ? client().prepare('SELECT n FROM lock_probe WHERE who = ? ORDER BY n').all(who) : client().prepare('SELECT who, n FROM lock_probe ORDER BY who, n').all()));

  it('a failing transaction rolls back alone; the other commits whole; a reader never sees half-done writes', async () => {
    const seenByWriter: unknown[] = [];
    const failing = inAsyncTransaction(client(), async () => {
      await insert('failing', 1);
      await tick();
      await insert('failing', 2);
      throw new Error('boom');
    });
    const committing = inAsyncTransaction(client(), async () => {
      await insert('ok', 1);
      await tick();
      seenByWriter.push(...(await rows('failing')));
      await insert('ok', 2);
      return 'done';
    });
    const reader = rows();
    const [a, b, read] = await Promise.allSettled([failing, committing, reader]);
    expect(a.status).toBe('rejected');
    expect(b).toEqual({ status: 'fulfilled', value: 'done' });
    expect(seenByWriter).toEqual([]);
    // The reader queued behind both transactions: it sees the committed pair and nothing of the rolled-back one.
    expect(read).toEqual({ status: 'fulfilled', value: [{ who: 'ok', n: 1 }, { who: 'ok', n: 2 }] });
    expect(await rows()).toEqual([{ who: 'ok', n: 1 }, { who: 'ok', n: 2 }]);
  });

  it('a nested transaction is a savepoint: its caught failure undoes only its own writes', async () => {
    await inAsyncTransaction(client(), async () => {
      await insert('outer', 1);
      await expect(
        inAsyncTransaction(client(), async () => {
          await insert('inner', 1);
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      await insert('outer', 2);
    });
    expect(await rows()).toEqual([{ who: 'outer', n: 1 }, { who: 'outer', n: 2 }]);
  });

  it("an async repository method holds the connection across its awaits; a 'first' caller goes ahead of waiting transactions, never inside one", async () => {
    const order: string[] = [];
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    const running = inAsyncTransaction(client(), async () => {
      await insert('tx1', 1);
      await holding;
      await insert('tx1', 2);
      order.push('tx1');
    });
    const queuedTransaction = inAsyncTransaction(client(), async () => {
      order.push(`tx2 saw ${JSON.stringify(await rows('first'))}`);
    });
    const method = withConnection(client(), async () => {
      await insert('method', 1);
      await tick();
      order.push(`method saw tx2? ${order.some((o) => o.startsWith('tx2'))}`);
    });
    const first = withConnection(client(), () => {
      order.push(`first saw ${JSON.stringify((client().prepare('SELECT n FROM lock_probe WHERE who = ?').all('tx1') as unknown[]).length)}`);
      return client().prepare("INSERT INTO lock_probe (who, n) VALUES ('first', 1)").run();
    }, { first: true });
    await tick();
    release();
    await Promise.all([running, queuedTransaction, method, first]);
    // The 'first' insert waited for the running transaction (it saw both of its rows, not one), then ran before
    // the transaction and the method queued earlier; the method's awaits kept the next caller out until it settled.
    expect(order).toEqual(['tx1', 'first saw 2', 'tx2 saw [{"n":1}]', 'method saw tx2? true']);
  });
});
