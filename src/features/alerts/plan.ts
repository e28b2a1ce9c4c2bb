import { createHash } from 'node:crypto';
import { inTransaction } from '../../db/client.js';
import { createAlertNoticeRepository } from '../../db/repositories/alert-notices.js';
import type { AlertFinding, AlertRule } from '../../domain/alerts/find.js';
import { businessDateOf } from '../../domain/period.js';
import type { Recipient } from '../../domain/platform-name.js';
import type { Locale } from '../../i18n/index.js';
import type { AppDeps } from '../deps.js';
import { createRecipientResolver } from '../recipients.js';
import { findAlerts } from './find.js';
import { alertsCardReply } from './render.js';

/**
 * The daily alerts, batched per manager: one card per manager and run (not one card per alert).
 * Each alert is told once per subject and period: its key names the rule, the period the alert is
 * about and the subject, and alert_notices remembers it, so running the job again (or the next day,
 * while the condition still holds) sends nothing new.
 *   no-visit       `alert:no-visit:<date the streak reached N working days>:user-<rep>`  once per streak
 *   low-achievement `alert:low-achievement:<month>:user-<rep>`                            once per month
 *   stuck-deal     `alert:stuck-deal:<date it entered the stage>:deal-<id>`              once per stage
 *   complaint      `alert:complaint:<received date>:complaint-<id>`                      once per complaint
 *   completeness   `alert:completeness:<month>:user-<rep>`                               once per month
 */

export type AlertCounts = Record<AlertRule, number>;

/** One manager's alerts of a run: they go out as one card (the alert card for one, the digest for more). */
export interface AlertBatch {
  managerId: number;
  recipient: Recipient;
  locale: Locale;
  /** Each finding with its own key (`alert:<rule>:<subject key>`, listed above), which alert_notices remembers. */
  alerts: { key: string; finding: AlertFinding }[];
}

export interface AlertPlan {
  batches: AlertBatch[];
  /** Alerts found per rule (queued or already queued before). */
  found: AlertCounts;
  /** Alerts whose rep has no manager reachable on an enabled platform. */
  unroutable: number;
  /** Every alert found, routed or not. */
  findings: AlertFinding[];
  disabled: AlertRule[];
}

/** find (src/features/alerts/find.ts) → route to the manager → one batch per manager, in the manager's language. */
export async function planAlerts(deps: AppDeps, options: { now: number }): Promise<AlertPlan> {
  const { findings, disabled } = await findAlerts(deps, options);
  const recipients = await createRecipientResolver(deps);
  const locales = await deps.org.localesAndStatus();
  const managers = new Map<number, number | null>();
  const managerOf = async (repId: number): Promise<number | null> => {
    if (!managers.has(repId)) managers.set(repId, await deps.org.managerOf(repId));
    return managers.get(repId) ?? null;
  };
  const batches = new Map<number, AlertBatch>();
  const plan: AlertPlan = { batches: [], found: { 'no-visit': 0, 'low-achievement': 0, 'stuck-deal': 0, complaint: 0, completeness: 0 }, unroutable: 0, findings, disabled };
  for (const finding of findings) {
    plan.found[finding.rule] += 1;
    const managerId = await managerOf(finding.repUserId);
    const recipient = managerId === null ? null : recipients.resolve(managerId);
    if (managerId === null || !recipient) {
      plan.unroutable += 1;
      continue;
    }
    let batch = batches.get(managerId);
    if (!batch) {
      batch = { managerId, recipient, locale: locales.get(managerId)?.locale ?? 'zh', alerts: [] };
      batches.set(managerId, batch);
    }
    batch.alerts.push({ key: `alert:${finding.rule}:${finding.key}`, finding });
  }
  plan.batches = [...batches.values()];
  return plan;
}

/** The outbox key of a manager's card: the day and a digest of the alerts in it, so a re-run with the same new alerts stores nothing twice. */
function cardKey(managerId: number, day: string, alertKeys: readonly string[]): string {
  const digest = createHash('sha256').update([...alertKeys].sort().join('\n')).digest('hex').slice(0, 16);
  return `alert-card:${day}:manager-${managerId}:${digest}`;
}

export interface AlertRunOutcome {
  /** Cards queued (one per manager with anything new). */
  queued: number;
  /** New alerts in those cards. */
  alerts: number;
  /** Alerts found again that the manager was already told about. */
  duplicates: number;
  unroutable: number;
  found: AlertCounts;
  disabled: AlertRule[];
}

/**
 * The daily alerts job's work: per manager, the alerts not told before go out in one card, and are
 * remembered in alert_notices in the same transaction, so tomorrow's run (while a condition holds)
 * sends nothing new about them.
 */
export async function queueDailyAlerts(deps: AppDeps, options: { now: number }): Promise<AlertRunOutcome> {
  const plan = await planAlerts(deps, options);
  const day = businessDateOf(options.now, deps.config.timezone);
  const notices = createAlertNoticeRepository(deps.db);
  const outcome: AlertRunOutcome = { queued: 0, alerts: 0, duplicates: 0, unroutable: plan.unroutable, found: plan.found, disabled: plan.disabled };
  await inTransaction(deps.db, async () => {
    for (const batch of plan.batches) {
      const known = await notices.known(batch.alerts.map((a) => a.key));
      const fresh = batch.alerts.filter((a) => !known.has(a.key));
      outcome.duplicates += batch.alerts.length - fresh.length;
      if (fresh.length === 0) continue;
      const digestKey = cardKey(batch.managerId, day, fresh.map((a) => a.key));
      const payload = alertsCardReply(fresh.map((a) => a.finding), batch.locale, deps.config.publicBaseUrl);
      const { queued } = await deps.outbox.enqueue([{ idempotencyKey: digestKey, platform: batch.recipient.platform, target: { kind: 'user', recipient: batch.recipient }, payload }]);
      await notices.record(fresh.map((a) => ({ alertKey: a.key, managerUserId: batch.managerId, digestKey })), options.now);
      outcome.queued += queued;
      outcome.alerts += fresh.length;
    }
  });
  return outcome;
}
