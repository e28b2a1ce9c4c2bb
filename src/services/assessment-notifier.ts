import type { BotDeps } from '../bot/deps.js';
import { createAssessmentCardRepository, type AssessmentCardKind, type CardCopyRef } from '../db/repositories/assessment-cards.js';
import { cardReply, textReply, type CardModel } from '../domain/card-model.js';
import type { Locale } from '../domain/messages/index.js';
import { createLiveRecipientResolver } from './recipients.js';

export type { AssessmentCardKind, CardCopyRef };

/**
 * Sends assessment cards to people through the outbox (so a 429 or a crash delays, never loses or
 * doubles them) and remembers every copy, so that after a decision each copy can be replaced with
 * the outcome. Replacing copies is outbound HTTP: it runs after the click has been answered.
 */
export function createAssessmentNotifier(deps: BotDeps) {
  const pending = new Set<Promise<void>>();
  // Live: the notifier lives as long as the app, and must see identities bound after it was made.
  const recipients = createLiveRecipientResolver(deps.db, deps.channels);
  const cards = createAssessmentCardRepository(deps.db);
  const localeOf = (userId: number): Locale => deps.org.localeOf(userId);

  return {
    /** Active users with the hr role: every one of them gets the approval cards. */
    hrUserIds(): number[] {
      return deps.org.activeUsersWithRole('hr').map((u) => u.id);
    },

    /** Queues a card to a user on every platform they are reachable on. Synchronous (runs inside a transaction). */
    sendCard(kind: AssessmentCardKind, ref: CardCopyRef, userId: number, build: (locale: Locale) => CardModel, key: string): { queued: number; duplicates: number; reachable: boolean } {
      const locale = localeOf(userId);
      let queued = 0;
      let duplicates = 0;
      const reachable = recipients.all(userId);
      for (const recipient of reachable) {
        const idempotencyKey = `assessment:${kind}:${key}:${userId}:${recipient.platform}`;
        const result = deps.outbox.enqueue([{ idempotencyKey, platform: recipient.platform, target: { kind: 'user', recipient }, payload: cardReply(build(locale)) }]);
        cards.recordCopy(kind, ref, { userId, platform: recipient.platform, idempotencyKey, now: deps.clock() });
        queued += result.queued;
        duplicates += result.duplicates;
      }
      return { queued, duplicates, reachable: reachable.length > 0 };
    },

    sendText(userId: number, text: (locale: Locale) => string, key: string): void {
      const locale = localeOf(userId);
      deps.outbox.enqueue(
        recipients.all(userId).map((recipient) => ({
          idempotencyKey: `assessment:text:${key}:${userId}:${recipient.platform}`,
          platform: recipient.platform,
          target: { kind: 'user' as const, recipient },
          payload: textReply(text(locale)),
        })),
      );
    },

    /**
     * Replaces every sent copy of a kind of card (all HR users' approval cards, say) with what
     * `build` returns for its reader, except the clicked message, which the click's answer replaces.
     */
    refreshCopies(kind: AssessmentCardKind, ref: CardCopyRef, build: (locale: Locale, userId: number) => CardModel, exceptMessageId?: string): void {
      const copies = cards.sentCopies(kind, ref);
      const work = (async () => {
        for (const copy of copies) {
          if (!copy.messageId || copy.messageId === exceptMessageId) continue;
          const channel = deps.channels.get(copy.platform);
          if (!channel?.updateCard) continue;
          try {
            await channel.updateCard({ platform: copy.platform, messageId: copy.messageId }, cardReply(build(localeOf(copy.userId), copy.userId)));
            cards.markUpdated(copy.id, copy.messageId);
          } catch (error) {
            deps.logger.warn({ err: error, platform: copy.platform, assessmentId: ref.assessmentId }, 'could not update an assessment card copy');
          }
        }
      })();
      pending.add(work);
      void work.finally(() => pending.delete(work));
    },

    /** Resolves when every copy update started so far has finished (tests, shutdown). */
    async idle(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

export type AssessmentNotifier = ReturnType<typeof createAssessmentNotifier>;

const notifiers = new WeakMap<BotDeps, AssessmentNotifier>();

/** One notifier per app (its pending copy updates are shared by the command and the jobs). */
export function assessmentNotifierFor(deps: BotDeps): AssessmentNotifier {
  let notifier = notifiers.get(deps);
  if (!notifier) {
    notifier = createAssessmentNotifier(deps);
    notifiers.set(deps, notifier);
  }
  return notifier;
}
