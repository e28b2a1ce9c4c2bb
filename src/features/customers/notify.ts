import { infoCard } from '../../../cards/info.js';
import { cardReply } from '../../domain/card-model.js';
import type { Locale, MessageKey } from '../../i18n/index.js';
import { t } from '../../i18n/index.js';
import type { AppDeps } from '../deps.js';
import { createRecipientResolver } from '../recipients.js';

/** A short card to one person through the outbox, in their language; false when they cannot be reached. */
export async function notifyUser(
  deps: AppDeps,
  userId: number,
  idempotencyKey: string,
  text: { title: MessageKey; body: MessageKey; params: Record<string, string | number> },
): Promise<boolean> {
  const recipient = (await createRecipientResolver(deps)).resolve(userId);
  if (!recipient) return false;
  const locale: Locale = await deps.org.localeOf(userId);
  const card = infoCard.build({ title: t(locale, text.title, text.params), sections: [{ text: t(locale, text.body, text.params) }] }, locale);
  await deps.outbox.enqueue([{ idempotencyKey, platform: recipient.platform, target: { kind: 'user', recipient }, payload: cardReply(card) }]);
  return true;
}
