import type { CardElement } from '../src/domain/card-model.js';
import { t } from '../src/i18n/index.js';
import { defineCard } from './define.js';
import { userText as u } from '../src/domain/user-text.js';

export interface AssessmentAppealCardData {
  appealId: number;
  name: string;
  employeeNo: string;
  periodKey: string;
  final: string;
  finalGrade: string;
  reason: string;
  indicator: string | null;
  /** Set once resolved: every copy shows it and no form. */
  resolution: { by: string; outcome: string; reason: string } | null;
}

/** An appeal, to the rep's manager and every HR user: uphold, or adjust with a reason. */
export const assessmentAppealCard = defineCard<AssessmentAppealCardData>(
  'assessment-appeal',
  (data, locale) => {
    const elements: CardElement[] = [
      {
        type: 'fields',
        fields: [
          { label: t(locale, 'assessment.result.final'), value: `${data.final} ${data.finalGrade}` },
          { label: t(locale, 'assessment.appeal.indicator'), value: data.indicator === null ? '—' : u(data.indicator) },
        ],
      },
      { type: 'markdown', text: `**${t(locale, 'assessment.appeal.reason')}**\n${u(data.reason)}` },
    ];
    if (data.resolution) {
      elements.push({ type: 'divider' }, { type: 'markdown', text: t(locale, 'assessment.appeal.resolved', { by: u(data.resolution.by), outcome: data.resolution.outcome, reason: u(data.resolution.reason) }) });
    } else {
      elements.push({
        type: 'form',
        name: 'resolve',
        inputs: [
          {
            name: 'outcome',
            label: t(locale, 'assessment.appeal.form.outcome'),
            kind: 'select',
            required: true,
            options: [
              { label: t(locale, 'assessment.appeal.uphold'), value: 'uphold' },
              { label: t(locale, 'assessment.appeal.adjust'), value: 'adjust' },
            ],
          },
          { name: 'points', label: t(locale, 'assessment.appeal.form.points'), kind: 'text', required: false },
          { name: 'reason', label: t(locale, 'assessment.appeal.form.reason'), kind: 'textarea', required: true },
        ],
        submit: { label: t(locale, 'assessment.button.resolve'), style: 'primary', action: { command: 'assessment.resolve', args: { appeal: String(data.appealId) } } },
      });
    }
    return {
      template: 'assessment-appeal',
      title: t(locale, 'assessment.appeal.title', { name: u(`${data.name} (${data.employeeNo})`), period: data.periodKey }),
      color: data.resolution ? 'grey' : 'orange',
      elements,
    };
  },
  { appealId: 2, name: '张三', employeeNo: 'S101', periodKey: '2026-11', final: '85.6', finalGrade: 'A', reason: '11 月 28 日的回款漏算了', indicator: '回款额', resolution: null },
);
