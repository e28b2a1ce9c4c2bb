import type { CardAction } from '../src/domain/card-model.js';
import { plainText, userText as u } from '../src/domain/user-text.js';
import { t } from '../src/i18n/index.js';
import { defineCard } from './define.js';

export interface NextStepReminderData {
  visitId: number;
  customer: string;
  step: string;
  due: string;
}

/** 记拜访 opens the visit form with the customer filled in: a draft value travels as `v.<field>` (packValues in src/bot/records/entry-flow.ts). */
const visitFormFor = (customer: string): CardAction => ({ command: 'visit.form', args: { 'v.customer': plainText(customer) } });

/**
 * The 09:00 reminder of one next step due today: 完成 / 改期 / 记拜访. Each button also names the typed
 * command that does the same, for DingTalk robots without a card template (typed text carries no user
 * text: it is not escaped, so 记拜访's is a bare 拜访, which offers the recent customers).
 */
export const nextStepReminderCard = defineCard<NextStepReminderData>(
  'next-step-reminder',
  (data, locale) => {
    const id = String(data.visitId);
    return {
      template: 'next-step-reminder',
      title: t(locale, 'nextStep.reminder.title', { customer: u(data.customer) }),
      color: 'orange',
      elements: [
        { type: 'markdown', text: t(locale, 'nextStep.reminder.body', { step: u(data.step), due: data.due }) },
        {
          type: 'actions',
          buttons: [
            { label: t(locale, 'nextStep.button.done'), style: 'primary', action: { command: 'nextstep.done', args: { id } }, typed: `完成 ${id}` },
            { label: t(locale, 'nextStep.button.reschedule'), action: { command: 'nextstep.reschedule', args: { id } }, typed: t(locale, 'nextStep.typed.reschedule', { n: id }) },
            { label: t(locale, 'nextStep.button.visit'), action: visitFormFor(data.customer), typed: '拜访' },
          ],
        },
      ],
    };
  },
  { visitId: 17, customer: '华为', step: '下周三报价', due: '2026-12-02' },
);
