import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';

/*
 * One SQLite connection is shared by the whole process, and SQLite scopes a transaction to the
 * connection, not to the caller: while a feature's async transaction is open (BEGIN … awaits …
 * COMMIT), any statement another request runs on the same connection joins it — it would see the
 * half-done writes and be rolled back with them. So every use of the connection takes turns behind
 * one async lock per connection: a transaction holds it from BEGIN to COMMIT/ROLLBACK, a repository
 * call holds it for its (synchronous) statements. AsyncLocalStorage marks the code running inside a
 * transaction, so its own repository calls and nested transactions go ahead without re-taking the
 * lock (which would deadlock).
 */

type Client = Database.Database;

interface Lock {
  busy: boolean;
  waiting: (() => void)[];
}

/** The transaction the current async context runs inside; `open` turns false at COMMIT/ROLLBACK so
 * a promise that outlives its transaction (fire-and-forget) queues like everyone else. */
interface Held {
  client: Client;
  open: boolean;
  parent: Held | undefined;
}

const locks = new WeakMap<Client, Lock>();
const context = new AsyncLocalStorage<Held>();

function lockOf(client: Client): Lock {
  let lock = locks.get(client);
  if (!lock) {
    lock = { busy: false, waiting: [] };
    locks.set(client, lock);
  }
  return lock;
}

function heldFor(client: Client): Held | undefined {
  for (let held = context.getStore(); held; held = held.parent) {
    if (held.client === client && held.open) return held;
  }
  return undefined;
}

function acquire(lock: Lock, first = false): Promise<void> | undefined {
  if (!lock.busy) {
    lock.busy = true;
    return undefined;
  }
  return new Promise<void>((resolve) => (first ? lock.waiting.unshift(resolve) : lock.waiting.push(resolve)));
}

/** Hands the lock straight to the next waiter (busy stays true), so no newcomer can jump the queue. */
function release(lock: Lock): void {
  const next = lock.waiting.shift();
  if (next) next();
  else lock.busy = false;
}

/**
 * Runs a repository method on the connection when it is this context's turn: at once inside the
 * caller's own turn (its transaction, or a method that calls another), else once the lock is free.
 * The lock is held until the method's promise settles, so an async method's statements never
 * interleave with another caller's transaction; a synchronous method releases it before returning.
 * `first` queues ahead of the waiting transactions: for one short statement a caller is waiting on
 * (storing an inbound event before its acknowledgement), not for work that could starve the rest.
 */
export function withConnection<T>(client: Client, work: () => T | Promise<T>, options: { first?: boolean } = {}): Promise<Awaited<T>> {
  if (heldFor(client)) {
    try {
      return Promise.resolve(work()) as Promise<Awaited<T>>;
    } catch (error) {
      return Promise.reject(error);
    }
  }
  const lock = lockOf(client);
  const run = (): Promise<Awaited<T>> => {
    const held: Held = { client, open: true, parent: context.getStore() };
    let result: T | Promise<T>;
    try {
      result = context.run(held, work);
    } catch (error) {
      held.open = false;
      release(lock);
      return Promise.reject(error);
    }
    if (!(result instanceof Promise)) {
      held.open = false;
      release(lock);
      return Promise.resolve(result) as Promise<Awaited<T>>;
    }
    return result.finally(() => {
      held.open = false;
      release(lock);
    }) as Promise<Awaited<T>>;
  };
  const waiting = acquire(lock, options.first);
  return waiting ? waiting.then(run) : run();
}

let savepoints = 0;

/**
 * BEGIN IMMEDIATE … COMMIT / ROLLBACK around an async fn, holding the connection's lock throughout.
 * A nested call (already inside this connection's transaction) becomes a SAVEPOINT rather than
 * joining the outer transaction: that keeps better-sqlite3's nested semantics the code was written
 * against — a nested failure the caller catches undoes only the nested writes. Nested transactions
 * of one context must therefore run one after another (await each), never side by side.
 */
export async function inAsyncTransaction<T>(client: Client, fn: () => Promise<T> | T): Promise<T> {
  const outer = heldFor(client);
  if (outer && client.inTransaction) return inSavepoint(client, outer, fn);
  // A repository method holding the connection's turn opens the transaction itself, without queueing.
  const lock = lockOf(client);
  if (!outer) await acquire(lock);
  const held: Held = { client, open: true, parent: context.getStore() };
  try {
    client.exec('BEGIN IMMEDIATE');
    try {
      const result = await context.run(held, fn);
      client.exec('COMMIT');
      return result;
    } catch (error) {
      if (client.inTransaction) client.exec('ROLLBACK');
      throw error;
    }
  } finally {
    held.open = false;
    if (!outer) release(lock);
  }
}

async function inSavepoint<T>(client: Client, outer: Held, fn: () => Promise<T> | T): Promise<T> {
  savepoints += 1;
  const name = `nested_${savepoints}`;
  client.exec(`SAVEPOINT ${name}`);
  const held: Held = { client, open: true, parent: outer };
  try {
    const result = await context.run(held, fn);
    client.exec(`RELEASE ${name}`);
    return result;
  } catch (error) {
    if (client.inTransaction) {
      client.exec(`ROLLBACK TO ${name}`);
      client.exec(`RELEASE ${name}`);
    }
    throw error;
  } finally {
    held.open = false;
  }
}

/** Async functions, same arguments: what a repository offers, whether its methods are written sync or async. */
export type AsyncMethods<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K];
};

/**
 * Wraps every method of a repository built from synchronous Drizzle/better-sqlite3 queries so that
 * it returns a Promise and runs through withConnection. One wrapper at the repositories' shared
 * exit instead of an edit in each of their methods; a PostgreSQL driver later implements the same
 * AsyncMethods shape natively.
 */
export function asyncMethods<T extends object>(client: Client, methods: T): AsyncMethods<T> {
  const wrapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(methods)) {
    wrapped[key] =
      typeof value === 'function'
        ? (...args: unknown[]) => withConnection(client, () => (value as (...a: unknown[]) => unknown).apply(methods, args))
        : value;
  }
  return wrapped as AsyncMethods<T>;
}

/**
 * Holds the connection's turn across async work that is not a transaction (an online backup): no
 * transaction can open on the connection meanwhile; other callers queue behind it.
 */
export async function holdConnection<T>(client: Client, fn: () => Promise<T>): Promise<T> {
  const lock = lockOf(client);
  await acquire(lock);
  try {
    return await fn();
  } finally {
    release(lock);
  }
}
