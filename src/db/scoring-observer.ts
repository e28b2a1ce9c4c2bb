import type Database from 'better-sqlite3';
import type { Db } from './client.js';

/** Told how long each scoring pass took, in seconds (the metrics' scoring-time histogram). */
export type ScoringObserver = (seconds: number) => void;

// Keyed by connection: each app (and each test's app) has its own database and its own metrics.
const observers = new WeakMap<Database.Database | object, ScoringObserver>();

export function observeScoring(db: Db, observer: ScoringObserver): void {
  observers.set(db.$client, observer);
}

/** Times a scorer's scorePeriod for whoever observes this connection. */
export function timedScoring<T extends { scorePeriod(...args: never[]): unknown }>(db: Db, queries: T): T {
  const score = queries.scorePeriod.bind(queries) as (...args: unknown[]) => unknown;
  const timed = (...args: unknown[]) => {
    const started = performance.now();
    const observe = () => observers.get(db.$client)?.((performance.now() - started) / 1000);
    let result: unknown;
    try {
      result = score(...args);
    } catch (error) {
      observe();
      throw error;
    }
    // An async scorer is timed until it settles.
    if (result instanceof Promise) return result.finally(observe);
    observe();
    return result;
  };
  return { ...queries, scorePeriod: timed };
}
