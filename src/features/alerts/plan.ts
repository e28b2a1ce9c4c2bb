import type { AlertFinding, AlertRule } from '../../domain/alerts/find.js';
import type { OutboxMessage } from '../../outbox/outbox.js';
import type { AppDeps } from '../deps.js';
import { createRecipientResolver } from '../recipients.js';
import { findAlerts } from './find.js';
import { alertCardReply } from './render.js';

/**
 * The daily alerts as outbox messages. Each alert goes to the subject rep's manager, once per
 * subject and period: the outbox key names the rule, the period the alert is about and the subject,
 * so running the job again (or the next day, while the condition still holds) sends nothing new.
 *   no-visit       `alert:no-visit:<date the streak reached N working days>:user-<rep>`  once per streak
 *   low-achievement `alert:low-achievement:<month>:user-<rep>`                            once per month
 *   stuck-deal     `alert:stuck-deal:<date it entered the stage>:deal-<id>`              once per stage
 *   complaint      `alert:complaint:<received date>:complaint-<id>`                      once per complaint
 *   completeness   `alert:completeness:<month>:user-<rep>`                               once per month
 */

export type AlertCounts = Record<AlertRule, number>;

export interface AlertPlan {
  messages: OutboxMessage[];
  /** Alerts found per rule (queued or already queued before). */
  found: AlertCounts;
  /** Alerts whose rep has no manager reachable on an enabled platform. */
  unroutable: number;
  /** Every alert found, routed or not. */
  findings: AlertFinding[];
  disabled: AlertRule[];
}

/** find (src/features/alerts/find.ts) → route to the manager → render the card in the manager's language. */
export async function planAlerts(deps: AppDeps, options: { now: number }): Promise<AlertPlan> {
  const { findings, disabled } = await findAlerts(deps, options);
  const recipients = await createRecipientResolver(deps);
  const locales = await deps.org.localesAndStatus();
  const managers = new Map<number, number | null>();
  const managerOf = async (repId: number): Promise<number | null> => {
    if (!managers.has(repId)) managers.set(repId, await deps.org.managerOf(repId));
    return managers.get(repId) ?? null;
  };
  const plan: AlertPlan = { messages: [], found: { 'no-visit': 0, 'low-achievement': 0, 'stuck-deal': 0, complaint: 0, completeness: 0 }, unroutable: 0, findings, disabled };
  for (const finding of findings) {
    plan.found[finding.rule] += 1;
    const managerId = await managerOf(finding.repUserId);
    const recipient = managerId === null ? null : recipients.resolve(managerId);
    if (managerId === null || !recipient) {
      plan.unroutable += 1;
      continue;
    }
    const locale = locales.get(managerId)?.locale ?? 'zh';
    plan.messages.push({
      idempotencyKey: `alert:${finding.rule}:${finding.key}`,
      platform: recipient.platform,
      target: { kind: 'user', recipient },
      payload: alertCardReply(finding, locale, deps.config.publicBaseUrl),
    });
  }
  return plan;
}

/** The daily alerts job's work: plan and queue. The keys make a second run (or tomorrow's, while a condition holds) send nothing new. */
export async function queueDailyAlerts(deps: AppDeps, options: { now: number }): Promise<{ queued: number; duplicates: number; unroutable: number; found: AlertCounts; disabled: AlertRule[] }> {
  const plan = await planAlerts(deps, options);
  const { queued, duplicates } = await deps.outbox.enqueue(plan.messages);
  return { queued, duplicates, unroutable: plan.unroutable, found: plan.found, disabled: plan.disabled };
}
