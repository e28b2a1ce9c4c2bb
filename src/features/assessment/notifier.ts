import { and, eq } from 'drizzle-orm';
import { assessmentCards, outbox, platformIdentities, userRoles, users } from '../../db/schema/index.js';
import { cardReply, textReply, type CardModel } from '../../domain/card-model.js';
import type { Locale } from '../../domain/messages/index.js';
import { cardUpdateMessage } from '../../outbox/outbox.js';
import type { Recipient } from '../../platforms/channel.js';
import { PUSH_IDENTITY_KIND } from '../../services/recipients.js';
import type { AppDeps } from '../deps.js';

export type AssessmentCardKind = 'review' | 'approval' | 'result' | 'appeal';

export interface CardCopyRef {
  assessmentId: number;
  resultId?: number;
  /** The assessment version the card shows (an approval round). */
  version?: number;
}

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
  function recipientsOf(userId: number): Recipient[] {
    const recipients: Recipient[] = [];
    for (const platform of deps.platforms) {
      if (platform === 'sandbox') {
        recipients.push({ platform, userRef: String(userId) });
        continue;
      }
      const kind = PUSH_IDENTITY_KIND[platform];
      const identity = deps.db
        .select({ value: platformIdentities.value })
        .from(platformIdentities)
        .where(and(eq(platformIdentities.userId, userId), eq(platformIdentities.platform, platform), eq(platformIdentities.kind, kind as never)))
        .get();
      if (identity) recipients.push({ platform, userRef: identity.value });
    }
    return recipients;
  }

  function localeOf(userId: number): Locale {
    return deps.db.select({ locale: users.locale }).from(users).where(eq(users.id, userId)).get()?.locale ?? 'zh';
  }

  return {
    recipientsOf,

    /** Active users with the hr role: every one of them gets the approval cards. */
    hrUserIds(): number[] {
      return deps.db
        .select({ id: users.id })
        .from(users)
        .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'hr')))
        .where(eq(users.active, true))
        .all()
        .map((r) => r.id);
    },

    /** Queues a card to a user on every platform they are reachable on. Synchronous (runs inside a transaction). */
    sendCard(kind: AssessmentCardKind, ref: CardCopyRef, userId: number, build: (locale: Locale) => CardModel, key: string): { queued: number; duplicates: number; reachable: boolean } {
      const locale = localeOf(userId);
      let queued = 0;
      let duplicates = 0;
      const recipients = recipientsOf(userId);
      for (const recipient of recipients) {
        const idempotencyKey = `assessment:${kind}:${key}:${userId}:${recipient.platform}`;
        const result = deps.outbox.enqueue([{ idempotencyKey, platform: recipient.platform, target: { kind: 'user', recipient }, payload: cardReply(build(locale)) }]);
        deps.db
          .insert(assessmentCards)
          .values({ assessmentId: ref.assessmentId, resultId: ref.resultId ?? null, kind, userId, platform: recipient.platform, idempotencyKey, assessmentVersion: ref.version ?? 0, createdAt: deps.clock() })
          .onConflictDoNothing()
          .run();
        queued += result.queued;
        duplicates += result.duplicates;
      }
      return { queued, duplicates, reachable: recipients.length > 0 };
    },

    sendText(userId: number, text: (locale: Locale) => string, key: string): void {
      const locale = localeOf(userId);
      deps.outbox.enqueue(
        recipientsOf(userId).map((recipient) => ({
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
     * One outbox update per copy and state (`assessment:update:<copy>:v<version>:<status>`), in the
     * caller's transaction. Returns how many updates were queued.
     */
    refreshCopies(kind: AssessmentCardKind, ref: CardCopyRef, state: CardState, build: (locale: Locale, userId: number) => CardModel, exceptMessageId?: string): number {
      const copies = deps.db
        .select({ id: assessmentCards.id, userId: assessmentCards.userId, platform: assessmentCards.platform, key: assessmentCards.idempotencyKey, messageId: outbox.platformMessageId })
        .from(assessmentCards)
        .innerJoin(outbox, eq(outbox.idempotencyKey, assessmentCards.idempotencyKey))
        .where(and(eq(assessmentCards.assessmentId, ref.assessmentId), eq(assessmentCards.kind, kind), ref.resultId === undefined ? undefined : eq(assessmentCards.resultId, ref.resultId), ref.version === undefined ? undefined : eq(assessmentCards.assessmentVersion, ref.version), eq(outbox.status, 'sent')))
        .all();
      let queued = 0;
      for (const copy of copies) {
        if (!copy.messageId || copy.messageId === exceptMessageId) continue;
        const card = build(localeOf(copy.userId), copy.userId);
        const idempotencyKey = `assessment:update:${copy.id}:v${state.version}:${state.status}`;
        queued += deps.outbox.enqueue([cardUpdateMessage({ idempotencyKey, platform: copy.platform, messageId: copy.messageId, card })]).queued;
        deps.db.update(assessmentCards).set({ messageId: copy.messageId }).where(eq(assessmentCards.id, copy.id)).run();
      }
      return queued;
    },
  };
}

export type AssessmentNotifier = ReturnType<typeof createAssessmentNotifier>;
