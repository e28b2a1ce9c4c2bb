import type { Db } from './client.js';

/** Told how long each scoring pass took, in seconds (the metrics' scoring-time histogram). */
export type ScoringObserver = (seconds: number) => void;

// Keyed by connection: each app (and each test's app) has its own database and its own metrics.
const observers = new WeakMap<object, ScoringObserver>();

export function observeScoring(db: Db, observer: ScoringObserver): void {
  observers.set(db.$client, observer);
}

/** Times a scorer's scorePeriod for whoever observes this connection. */
export function timedScoring<T extends { scorePeriod(...args: never[]): Promise<unknown> }>(db: Db, queries: T): T {
  const score = queries.scorePeriod.bind(queries) as (...args: unknown[]) => unknown;
  // Timed until the scoring settles: scorePeriod is async (its reads await on PostgreSQL).
  const timed = async (...args: unknown[]) => {
    const started = performance.now();
    try {
      return await score(...args);
    } finally {
      observers.get(db.$client)?.((performance.now() - started) / 1000);
    }
  };
  return { ...queries, scorePeriod: timed };
}
