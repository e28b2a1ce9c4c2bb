import type { CardAction, CardModel, Reply } from '../domain/card-model.js';
import type { Locale } from '../domain/locale.js';
import type { ActingUser } from '../domain/org/acting-user.js';
import type { CommandOutput } from './command.js';

/**
 * A reply in another language than the person's profile (they typed /help or "visit …") stamps its
 * buttons and form submits with that language, so a click answers in it too. A click carries the
 * stamp back; replies in the profile's own language carry none (their buttons stay as they were).
 */
const LANG_ARG = 'lang';

type ActionIn = { command: string; args?: Record<string, string> };
const stampAction = (action: ActionIn, locale: Locale): CardAction => ({ ...action, args: { ...action.args, [LANG_ARG]: locale } });

function stampCard(card: CardModel, locale: Locale): CardModel {
  return {
    ...card,
    elements: card.elements.map((el) => {
      if (el.type === 'actions') return { ...el, buttons: el.buttons.map((b) => ({ ...b, action: stampAction(b.action, locale) })) };
      if (el.type === 'form') return { ...el, submit: { ...el.submit, action: stampAction(el.submit.action, locale) } };
      return el;
    }),
  };
}

const stampReply = (reply: Reply, locale: Locale): Reply => (reply.type === 'card' ? { ...reply, card: stampCard(reply.card, locale) } : reply);

/** The output with every button in it stamped, when the answer's language is not the profile's. */
export function carryLocale<O extends Pick<CommandOutput, 'send' | 'card'>>(output: O, answered: Locale, profile: Locale): O {
  if (answered === profile) return output;
  return {
    ...output,
    ...(output.send ? { send: output.send.map((r) => stampReply(r, answered)) } : {}),
    ...(output.card ? { card: stampCard(output.card, answered) } : {}),
  };
}

/** The person as a click should be answered: in the language its button was stamped with, if any. */
export function clickUser(user: ActingUser, action: CardAction): ActingUser {
  const lang = action.args[LANG_ARG];
  return lang === 'en' || lang === 'zh' ? (lang === user.locale ? user : { ...user, locale: lang }) : user;
}
