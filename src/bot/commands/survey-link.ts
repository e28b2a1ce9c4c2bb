import { infoCard } from '../../../cards/info.js';
import { cardReply, textReply, type CardModel, type Reply } from '../../domain/card-model.js';
import { tokenize } from '../../domain/commands/tokens.js';
import { businessDateOf } from '../../domain/records/business-date.js';
import { t, type Locale } from '../../i18n/index.js';
import { convertSurveyToComplaint } from '../../features/surveys/survey-complaint.js';
import { createSurveyLink, SURVEY_LINK_DAYS } from '../../features/surveys/survey-links.js';
import { actorOf } from '../actor.js';
import { defineCommand, type CommandContext, type CommandDefinition, type CommandOutput } from '../command.js';

/**
 * 满意度调查 华为 李总: a signed one-answer link for the customer (issue 17), answered with a card
 * for the rep and a ready-to-forward message holding the link. Also the button offered after a won
 * deal (surveyLink.create) and the manager's 转为投诉 on a customer's answer (surveyLink.convert).
 */
export function createSurveyLinkCommand(): CommandDefinition {
  return defineCommand({
    name: 'surveyLink',
    words: ['满意度调查', '调查链接', '/survey-link', 'survey-link'],
    summary: 'command.surveyLink.summary',
    examples: ['满意度调查 华为 李总', '满意度调查 华为'],
    examplesEn: ['survey-link Huawei Li', 'survey-link Huawei'],
    async onText(cmd, rest) {
      const [customer = '', ...contact] = tokenize(rest);
      return { send: await linkReplies(cmd, customer, contact.join(' ')) };
    },
    actions: {
      create: async (cmd, { args }) => ({ send: await linkReplies(cmd, Number(args.customerId), null) }),
      async convert(cmd, { args }) {
        const { complaint, already } = await convertSurveyToComplaint(cmd.deps, actorOf(cmd), { surveyId: Number(args.surveyId) });
        const text = t(cmd.locale, already ? 'survey.alert.already' : 'survey.alert.converted', { id: complaint.id });
        return { card: infoCard.build({ title: text, sections: [{ text: complaint.content }] }, cmd.locale), toast: { kind: already ? 'info' : 'success', text } };
      },
    },
  });
}

async function linkReplies(cmd: CommandContext, customer: string | number, contact: string | null): Promise<Reply[]> {
  const made = await createSurveyLink(cmd.deps, actorOf(cmd), { customer, contact });
  const l = cmd.locale;
  const card = infoCard.build(
    {
      title: t(l, 'survey.link.title'),
      sections: [
        { text: t(l, 'survey.link.intro', { customer: made.customer.name, contact: made.contact ? t(l, 'survey.link.contact', { name: made.contact }) : '', days: SURVEY_LINK_DAYS }) },
        { fields: [{ label: t(l, 'survey.link.url'), value: made.url }, { label: t(l, 'survey.link.expires'), value: businessDateOf(made.expiresAt, cmd.deps.config.timezone) }] },
      ],
    },
    l,
  );
  // The second message is what the rep forwards to the customer as is.
  return [cardReply(card), textReply(t(l, 'survey.link.forward', { customer: made.contact ?? made.customer.name, url: made.url }))];
}

/** After a deal is won: a card offering the survey for its customer, added to the reply. */
export function surveyOfferCard(locale: Locale, customerId: number): CardModel {
  return infoCard.build(
    { title: t(locale, 'survey.offer.button'), sections: [{ text: t(locale, 'survey.offer.text') }], buttons: [{ label: t(locale, 'survey.offer.button'), action: { command: 'surveyLink.create', args: { customerId: String(customerId) } } }] },
    locale,
  );
}

/** The output of a won deal with the survey offer appended as a new message. */
export function withSurveyOffer(output: CommandOutput, locale: Locale, customerId: number): CommandOutput {
  return { ...output, send: [...(output.send ?? []), cardReply(surveyOfferCard(locale, customerId))] };
}
