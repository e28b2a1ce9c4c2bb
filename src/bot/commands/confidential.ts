import { textReply } from '../../domain/card-model.js';
import { setCustomerConfidential } from '../../features/customers/confidential.js';
import { invalid } from '../../features/records/refusals.js';
import { t } from '../../i18n/index.js';
import { actorOf } from '../actor.js';
import { defineCommand, type CommandDefinition, type TextHandler } from '../command.js';

const answer = (confidential: boolean): TextHandler => async (ctx, rest) => {
  if (!rest.trim()) throw invalid('confidential.usage');
  const done = await setCustomerConfidential(ctx.deps, actorOf(ctx), { customer: rest, confidential });
  const key = !done.changed ? 'confidential.already' : confidential ? 'confidential.on' : 'confidential.off';
  return { send: [textReply(t(ctx.locale, key, { customer: done.customer }))] };
};

const command = (name: string, word: string, en: string, summary: 'confidential.summary' | 'confidential.offSummary', confidential: boolean): CommandDefinition =>
  defineCommand({ name, words: [word, `/${en}`, en], summary, examples: [`${word} 华为`], examplesEn: [`/${en} 华为`], audience: ['manager', 'admin'], onText: answer(confidential) });

/** 保密 华为 / 取消保密 华为: a manager or an admin masks a customer's name in team posts (喜报), or unmasks it. */
export function createConfidentialCommands(): CommandDefinition[] {
  return [command('confidential', '保密', 'confidential', 'confidential.summary', true), command('unconfidential', '取消保密', 'unconfidential', 'confidential.offSummary', false)];
}
