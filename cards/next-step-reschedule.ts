import { userText as u } from '../src/domain/user-text.js';
import { t } from '../src/i18n/index.js';
import { defineCard } from './define.js';

/** 改期's form: a date input and its submit, in place of the reminder. */
export const nextStepRescheduleCard = defineCard<{ visitId: number; customer: string; due: string }>(
  'next-step-reschedule',
  (data, locale) => ({
    template: 'next-step-reschedule',
    title: t(locale, 'nextStep.reschedule.title', { customer: u(data.customer) }),
    color: 'orange',
    elements: [
      {
        type: 'form',
        name: 'reschedule',
        inputs: [{ name: 'date', label: t(locale, 'nextStep.reschedule.date'), kind: 'date', required: true, value: data.due }],
        submit: { label: t(locale, 'nextStep.reschedule.submit'), style: 'primary', action: { command: 'nextstep.moveTo', args: { id: String(data.visitId) } } },
      },
    ],
  }),
  { visitId: 17, customer: '华为', due: '2026-12-02' },
);
