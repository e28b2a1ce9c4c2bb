import { infoCard } from '../../../cards/info.js';
import { cardReply, type CardModel } from '../../domain/card-model.js';
import type { Locale } from '../../i18n/index.js';
import { t } from '../../i18n/index.js';
import type { AppDeps } from '../deps.js';
import { createRecipientResolver } from '../recipients.js';
import type { Survey } from '../records/stores.js';

/** The button on the manager's card; the chat command surveyLink answers it (src/bot/commands/survey-link.ts). */
export const CONVERT_ACTION = 'surveyLink.convert';

export interface FeedbackFacts {
  survey: Survey;
  customerName: string;
  repName: string;
  contact: string | null;
}

/** Who may turn an answer into a complaint, and so who is told: the owner's manager, else the admins. */
export async function feedbackReaders(deps: AppDeps, repUserId: number): Promise<number[]> {
  const manager = await deps.org.managerOf(repUserId);
  if (manager !== null && manager !== repUserId) return [manager];
  return (await deps.org.activeUsersWithRole('admin')).map((u) => u.id);
}

export function surveyFeedbackCard(locale: Locale, facts: FeedbackFacts): CardModel {
  const { survey } = facts;
  const nps = survey.nps === null ? '' : t(locale, 'survey.alert.nps', { nps: survey.nps });
  return infoCard.build(
    {
      title: t(locale, 'survey.alert.title', { customer: facts.customerName }),
      sections: [
        { text: t(locale, 'survey.alert.score', { who: facts.contact ?? t(locale, 'survey.alert.customer'), score: survey.score, nps, rep: facts.repName }) },
        ...(survey.comment !== null ? [{ fields: [{ label: t(locale, 'survey.alert.comment'), value: survey.comment }] }] : []),
      ],
      buttons: [{ label: t(locale, 'survey.alert.convert'), action: { command: CONVERT_ACTION, args: { surveyId: String(survey.id) } } }],
    },
    locale,
  );
}

/** Queues the feedback card in the outbox (inside the answer's transaction), once per answer and platform. */
export async function queueSurveyFeedback(deps: AppDeps, facts: FeedbackFacts): Promise<void> {
  const recipients = await createRecipientResolver(deps);
  for (const userId of await feedbackReaders(deps, facts.survey.repUserId)) {
    const locale = await deps.org.localeOf(userId);
    const card = cardReply(surveyFeedbackCard(locale, facts));
    await deps.outbox.enqueue(
      recipients.all(userId).map((recipient) => ({ idempotencyKey: `survey:feedback:${facts.survey.id}:${userId}:${recipient.platform}`, platform: recipient.platform, target: { kind: 'user' as const, recipient }, payload: card })),
    );
  }
}
