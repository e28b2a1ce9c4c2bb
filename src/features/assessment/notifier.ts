import { createAssessmentCardRepository, type AssessmentCardKind, type CardCopyRef } from '../../db/repositories/assessment-cards.js';
import { cardReply, textReply, type CardModel } from '../../domain/card-model.js';
import type { Locale } from '../../i18n/index.js';
import { cardUpdateMessage } from '../../outbox/outbox.js';
import { createLiveRecipientResolver } from '../recipients.js';
import type { AppDeps } from '../deps.js';

export type { AssessmentCardKind, CardCopyRef };

/** The state a card copy is updated to: the version and status it shows (part of the update's outbox key). */
export interface CardState {
  version: number;
  status: string;
}

/**
 * Sends assessment cards to people through the outbox (so a 429 or a crash delays, never loses or
 * doubles them) and remembers every copy, so that after a decision each copy can be replaced with
 * the outcome. Replacing a copy is an outbox message too: it is queued with the decision and sent
 * after the click has been answered. Created once per app (src/app.ts); it holds no channel.
 */
export function createAssessmentNotifier(deps: AppDeps) {
  // Live: the notifier lives as long as the app, and must see identities bound after it was made.
  const recipients = createLiveRecipientResolver(deps);
  const cards = createAssessmentCardRepository(deps.db);
  const localeOf = (userId: number): Promise<Locale> => deps.org.localeOf(userId);

  return {
    /** Active users with the hr role (appeal cards; approval cards go to the repository's `deciders`). */
    async hrUserIds(): Promise<number[]> {
      return (await deps.org.activeUsersWithRole('hr')).map((u) => u.id);
    },

    /** Queues a card to a user on every platform they are reachable on (inside the caller's transaction). */
    async sendCard(
      kind: AssessmentCardKind,
      ref: CardCopyRef,
      userId: number,
      build: (locale: Locale) => Promise<CardModel> | CardModel,
      key: string,
    ): Promise<{ queued: number; duplicates: number; reachable: boolean }> {
      const locale = await localeOf(userId);
      let queued = 0;
      let duplicates = 0;
      const reachable = await recipients.all(userId);
      for (const recipient of reachable) {
        const idempotencyKey = `assessment:${kind}:${key}:${userId}:${recipient.platform}`;
        const result = await deps.outbox.enqueue([{ idempotencyKey, platform: recipient.platform, target: { kind: 'user', recipient }, payload: cardReply(await build(locale)) }]);
        await cards.recordCopy(kind, ref, { userId, platform: recipient.platform, idempotencyKey, now: deps.clock() });
        queued += result.queued;
        duplicates += result.duplicates;
      }
      return { queued, duplicates, reachable: reachable.length > 0 };
    },

    /** Queues a one-off card (a chase) under its own key, not remembered as a copy: nothing replaces it later. */
    async sendLooseCard(userId: number, build: (locale: Locale) => CardModel, key: string): Promise<{ queued: number; duplicates: number; reachable: boolean }> {
      const locale = await localeOf(userId);
      const reachable = await recipients.all(userId);
      const result = await deps.outbox.enqueue(reachable.map((recipient) => ({ idempotencyKey: `assessment:${key}:${userId}:${recipient.platform}`, platform: recipient.platform, target: { kind: 'user' as const, recipient }, payload: cardReply(build(locale)) })));
      return { queued: result.queued, duplicates: result.duplicates, reachable: reachable.length > 0 };
    },

    async sendText(userId: number, text: (locale: Locale) => Promise<string> | string, key: string): Promise<void> {
      const body = await text(await localeOf(userId));
      await deps.outbox.enqueue(
        (await recipients.all(userId)).map((recipient) => ({
          idempotencyKey: `assessment:text:${key}:${userId}:${recipient.platform}`,
          platform: recipient.platform,
          target: { kind: 'user' as const, recipient },
          payload: textReply(body),
        })),
      );
    },

    /**
     * Replaces every sent copy of a kind of card (all HR users' approval cards, say) with what
     * `build` returns for its reader, except the clicked message, which the click's answer replaces.
     * One outbox update per copy and state (`assessment:update:<copy>:v<version>:<status>`), in the
     * caller's transaction. Returns how many updates were queued.
     */
    async refreshCopies(
      kind: AssessmentCardKind,
      ref: CardCopyRef,
      state: CardState,
      build: (locale: Locale, userId: number) => Promise<CardModel> | CardModel,
      exceptMessageId?: string,
    ): Promise<number> {
      let queued = 0;
      for (const copy of await cards.sentCopies(kind, ref)) {
        if (!copy.messageId || copy.messageId === exceptMessageId) continue;
        const card = await build(await localeOf(copy.userId), copy.userId);
        const idempotencyKey = `assessment:update:${copy.id}:v${state.version}:${state.status}`;
        queued += (await deps.outbox.enqueue([cardUpdateMessage({ idempotencyKey, platform: copy.platform, messageId: copy.messageId, card })])).queued;
        await cards.markUpdated(copy.id, copy.messageId);
      }
      return queued;
    },
  };
}

export type AssessmentNotifier = ReturnType<typeof createAssessmentNotifier>;
