import { nextStepReminderCard } from '../../../cards/next-step-reminder.js';
import { inTransaction } from '../../db/client.js';
import { createNextStepRepository } from '../../db/repositories/next-step-repository.js';
import { cardReply } from '../../domain/card-model.js';
import { businessDateOf } from '../../domain/records/business-date.js';
import type { OutboxMessage } from '../../outbox/messages.js';
import type { AppDeps } from '../deps.js';
import { createRecipientResolver } from '../recipients.js';

export interface NextStepReminderOutcome {
  /** Steps due today that are open. */
  due: number;
  queued: number;
  /** Already queued for this step and date by an earlier run. */
  duplicates: number;
  /** The rep is inactive or on no enabled platform. */
  unreachable: number;
}

/** The outbox key of a step's reminder for one due date: once per step and date, a 改期 gets a new one. */
export const reminderKey = (visitId: number, due: string): string => `next-step:${visitId}:${due}`;

/**
 * Queues a reminder card to each rep for every open next step due on `date` (a business date; the
 * business day of `now` when absent), and notes the date reminded. Re-runs queue nothing new: the
 * keys were taken. A caught-up run passes the day it missed, so it never reminds early.
 */
export function queueNextStepReminders(deps: AppDeps, input: { now: number; date?: string }): Promise<NextStepReminderOutcome> {
  return inTransaction(deps.db, async () => {
    const today = input.date ?? businessDateOf(input.now, deps.config.timezone);
    const steps = createNextStepRepository(deps.db);
    const due = await steps.dueOn(today);
    const recipients = await createRecipientResolver(deps);
    const people = await deps.org.localesAndStatus();
    const messages: OutboxMessage[] = [];
    let unreachable = 0;
    for (const step of due) {
      const person = people.get(step.repUserId);
      const recipient = person?.active ? recipients.resolve(step.repUserId) : null;
      if (!recipient || !person) {
        unreachable += 1;
        continue;
      }
      const card = nextStepReminderCard.build({ visitId: step.visitId, customer: step.customer, step: step.text, due: step.due }, person.locale);
      messages.push({ idempotencyKey: reminderKey(step.visitId, today), platform: recipient.platform, target: { kind: 'user', recipient }, payload: cardReply(card) });
      if (step.remindedFor !== today) await steps.markReminded(step.visitId, today, input.now);
    }
    const { queued, duplicates } = messages.length > 0 ? await deps.outbox.enqueue(messages) : { queued: 0, duplicates: 0 };
    return { due: due.length, queued, duplicates, unreachable };
  });
}
