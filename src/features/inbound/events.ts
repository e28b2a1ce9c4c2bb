import { inTransaction } from '../../db/client.js';
import { createProcessedEvents } from '../../db/repositories/processed-events.js';
import type { AppDeps } from '../deps.js';

/** An inbound event as the pipeline stores it: which platform, which event id. */
interface EventRef {
  platform: string;
  eventId: string;
}

/**
 * Inbound events, handled exactly once in effect. A message is stored as 'received' before the
 * transport acknowledges it; its handling (the command's writes, its queued replies and the done mark)
 * then commits as one transaction, so a crash anywhere before the commit leaves nothing of it but the
 * 'received' row, and the restart runs it again from the start. A click is claimed in the same
 * transaction as its handling: a crash before the commit leaves it unclaimed, so the platform's retry
 * runs it, and a retry after the commit is answered "already handled".
 */
export function createInboundEvents(deps: Pick<AppDeps, 'db' | 'clock'>) {
  const processed = createProcessedEvents(deps.db);
  return {
    /** Stores a message before it is acknowledged. False for a redelivery (across restarts). */
    receive(event: EventRef): Promise<boolean> {
      return processed.receive(event.platform, event.eventId, event, deps.clock());
    },

    /** A stored message that failed every attempt: not resumed again, kept as 'failed' with its body. */
    giveUp(event: EventRef): Promise<boolean> {
      return processed.markFailed(event.platform, event.eventId);
    },

    /** Messages stored but not handled (the process stopped in between), oldest first; optionally only those stored before a time. */
    async pending(limit: number, receivedBefore?: number): Promise<unknown[]> {
      return (await processed.received(limit, receivedBefore)).map((row) => row.event);
    },

    /**
     * Handles a received message: `work` and the done mark commit together, or neither does.
     * `undefined` when another instance handled it (a replacement resuming 'received' rows while the
     * instance that received the message is running it): the done mark comes first and holds the row.
     */
    handleReceived<T>(event: EventRef, work: () => Promise<T>): Promise<T | undefined> {
      return inTransaction(deps.db, async () => {
        if (!(await processed.markDone(event.platform, event.eventId))) return undefined;
        return await work();
      });
    },

    /** Claims a click and handles it in one transaction; `undefined` when it was handled before. */
    handleClickOnce<T>(event: EventRef, work: () => Promise<T>): Promise<{ result: T } | undefined> {
      return inTransaction(deps.db, async () => {
        if (!(await processed.claim(event.platform, event.eventId, deps.clock()))) return undefined;
        return { result: await work() };
      });
    },

    /**
     * Runs a command inside the event's transaction as a savepoint: when it throws, its writes are
     * undone and the event still completes (with the error reply).
     */
    attempt<T>(work: () => Promise<T>): Promise<T> {
      return inTransaction(deps.db, work);
    },
  };
}

export type InboundEvents = ReturnType<typeof createInboundEvents>;
