import type { CardElement } from '../src/domain/card-model.js';
import { t } from '../src/i18n/index.js';
import { payPreviewText } from '../src/i18n/pay-format.js';
import { defineCard } from './define.js';
import { userText as u } from '../src/domain/user-text.js';

export interface AssessmentResultCardData {
  resultId: number;
  name: string;
  periodKey: string;
  total: string;
  grade: string;
  final: string;
  finalGrade: string;
  adjustment: { points: string; reason: string } | null;
  lines: { summary: string; explanation: string }[];
  totalExplanation: string;
  windowEnds: string;
  status: 'published' | 'acknowledged' | 'appealed' | 'appeal_resolved' | 'final';
  /** 申诉 was clicked: show the appeal form. */
  appealing: boolean;
  indicators: { label: string; value: string }[];
  appealReason: string | null;
  /** The rep's scorecard for the period in the mini-app (the full text of every line). */
  detailUrl?: string;
  /** The pay preview frozen on approval ("预计绩效奖金系数 1.2 / 预计提成 ¥3,450"): for HR, not payroll. */
  pay?: { coefficientBp: number | null; commissionFen: number | null } | null;
}

/** A rep's published result: every line explained, the adjustment and its reason, 确认 / 申诉. */
export const assessmentResultCard = defineCard<AssessmentResultCardData>(
  'assessment-result',
  (data, locale) => {
    const elements: CardElement[] = [
      {
        type: 'fields',
        fields: [
          { label: t(locale, 'assessment.result.final'), value: `${data.final} ${data.finalGrade}` },
          { label: t(locale, 'assessment.result.total'), value: `${data.total} ${data.grade}` },
          { label: t(locale, 'assessment.result.status'), value: t(locale, `assessment.result.status.${data.status}`) },
        ],
      },
    ];
    if (data.adjustment) elements.push({ type: 'note', text: t(locale, 'assessment.result.adjustment', { points: data.adjustment.points, reason: u(data.adjustment.reason) }) });
    elements.push({ type: 'divider' }, ...data.lines.map((line) => ({ type: 'markdown' as const, text: `${u(line.summary)}\n${u(line.explanation)}` })));
    elements.push({ type: 'divider' }, { type: 'markdown', text: u(data.totalExplanation) });
    const pay = data.pay ? payPreviewText(locale, data.pay) : null;
    if (pay) elements.push({ type: 'note', text: t(locale, 'pay.preview.line', { preview: pay }) });
    if (data.appealReason) elements.push({ type: 'note', text: t(locale, 'assessment.result.appealNote', { reason: u(data.appealReason) }) });
    const args = { result: String(data.resultId) };
    const appealTyped = `申诉 ${data.periodKey} 理由`;
    if (data.status === 'published') {
      elements.push({ type: 'note', text: t(locale, 'assessment.result.window', { end: data.windowEnds }) });
      if (data.appealing) {
        elements.push({
          type: 'form',
          name: 'appeal',
          inputs: [
            { name: 'reason', label: t(locale, 'assessment.result.form.reason'), kind: 'textarea', required: true },
            { name: 'indicator', label: t(locale, 'assessment.result.form.indicator'), kind: 'select', required: false, options: data.indicators.map((i) => ({ label: u(i.label), value: i.value })) },
          ],
          submit: { label: t(locale, 'assessment.button.sendAppeal'), style: 'danger', action: { command: 'assessment.appeal', args }, typed: appealTyped },
        });
      } else {
        elements.push({
          type: 'actions',
          buttons: [
            { label: t(locale, 'assessment.button.acknowledge'), style: 'primary', action: { command: 'assessment.ack', args }, typed: `确认 ${data.periodKey}` },
            { label: t(locale, 'assessment.button.appeal'), action: { command: 'assessment.appealForm', args }, typed: appealTyped },
          ],
        });
      }
    }
    if (data.detailUrl) elements.push({ type: 'link', label: t(locale, 'assessment.result.openInApp'), url: data.detailUrl });
    return {
      template: 'assessment-result',
      title: t(locale, 'assessment.result.title', { period: data.periodKey, name: u(data.name) }),
      color: data.status === 'published' ? 'blue' : data.status === 'appealed' ? 'orange' : 'green',
      elements,
    };
  },
  {
    resultId: 7,
    name: '张三',
    periodKey: '2026-11',
    total: '83.6',
    grade: 'B',
    final: '85.6',
    finalGrade: 'A',
    adjustment: { points: '+2', reason: '大客户攻坚' },
    lines: [{ summary: '回款额 8.2万 / 10万 (82%) → 24.6', explanation: '回款额 8.2万 / 目标 10万 = 82%，得分 82 × 权重 30% = 24.6' }],
    totalExplanation: '总分 = 加权得分 86.35 + 加分 1.25 − 扣分 4 = 83.6，等级 B',
    windowEnds: '2026-12-04 24:00',
    status: 'published',
    appealing: false,
    indicators: [{ label: '回款额', value: 'payments' }],
    appealReason: null,
    detailUrl: 'https://kpi.example.com/app/#/dashboard?period=2026-11',
    pay: { coefficientBp: 12_000, commissionFen: 345_000 },
  },
);
