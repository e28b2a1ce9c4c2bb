/**
 * The version of a target in force on a business date: the latest valid by then (ties: the higher
 * version), like a template's version in force on a period's first day. A period still running is
 * read as of today, a period that has ended as of its last day.
 */
export function versionOnDate<V extends { version: number; validFrom: string }>(versions: readonly V[], date: string): V | undefined {
  let best: V | undefined;
  for (const v of versions) {
    if (v.validFrom > date) continue;
    if (!best || v.validFrom > best.validFrom || (v.validFrom === best.validFrom && v.version > best.version)) best = v;
  }
  return best;
}

/** The date a period's targets are read as of: today while it runs, its last day once it has ended. */
export const asOfDate = (today: string, period: { startDate: string; lastDate: string }): string =>
  today > period.lastDate ? period.lastDate : today < period.startDate ? period.startDate : today;
