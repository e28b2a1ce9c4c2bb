import { onConnection } from '../../db/client.js';
import { writeAudit } from '../../db/repositories/audited-store.js';
import { lockedPeriodKeysOf } from '../../db/repositories/locked-periods.js';
import { MAX_NOTE_LENGTH } from '../../domain/commands/parse-context.js';
import { backdateRefusal, mayCorrectAfterLock } from '../../domain/records/backdating.js';
import type { BusinessDate } from '../../domain/records/business-date.js';
import { invalid, refuse } from './refusals.js';
import type { RecordWrite } from './write-context.js';

/** The form value that carries an HR user's or a manager's reason for a post-lock correction. */
export const CORRECTION_REASON_FIELD = 'correctionReason';

export interface AllowedCorrection {
  date: BusinessDate;
  reason: string;
}

/**
 * Refuses an entry dated too far back or into a locked period, unless an HR user or a manager
 * gives a reason: then it is a post-lock correction (README: the locked result never changes; the
 * assessment-daily recomputation lists the changed total for the next period). Returns the
 * correction to audit with the record, or null for an ordinary entry.
 */
export async function checkBackdate(w: RecordWrite, date: BusinessDate | undefined, values: Record<string, string>): Promise<AllowedCorrection | null> {
  if (date === undefined) return null;
  const { config, db } = w.deps;
  const locked = await onConnection(db, () => lockedPeriodKeysOf(db, w.actor.user.id));
  const refusal = backdateRefusal(date, w.parse.today, config.backdateDays, locked, config.timezone);
  if (!refusal) return null;
  const reason = (values[CORRECTION_REASON_FIELD] ?? '').trim();
  if (reason.length > MAX_NOTE_LENGTH) throw invalid('records.error.tooLong', { what: 'records.field.correctionReason', max: MAX_NOTE_LENGTH });
  if (reason.length > 0 && mayCorrectAfterLock(w.actor.user.roles)) return { date, reason };
  if (refusal.reason === 'locked') throw refuse('INVALID_STATE', 'records.error.datePeriodLocked', { date, period: refusal.periodKey });
  throw invalid('records.error.dateTooOld', { date, days: refusal.days });
}

/** The reason of an allowed correction, audited next to the record it explains. */
export function auditCorrection(w: RecordWrite, correction: AllowedCorrection, kind: string, entityId: number): Promise<void> {
  return onConnection(w.deps.db, () => writeAudit(w.deps.db, w.audit, 'record.post_lock_correction', kind, entityId, null, { date: correction.date, reason: correction.reason }));
}
