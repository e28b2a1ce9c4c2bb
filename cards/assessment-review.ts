import type { CardElement } from '../src/domain/card-model.js';
import { t, type Locale } from '../src/i18n/index.js';
import { defineCard } from './define.js';
import { userText as u } from '../src/domain/user-text.js';
import { pageElements, pageOf } from './paging.js';

export interface AssessmentRepLine {
  userId: number;
  name: string;
  employeeNo: string;
  total: string;
  grade: string;
  /** Signed points ("+3"), null when not adjusted. */
  adjustment: string | null;
  reason: string | null;
  final: string;
  finalGrade: string;
}

export interface AssessmentReviewCardData {
  assessmentId: number;
  /** The assessment's page in the mini-app. */
  detailUrl?: string;
  version: number;
  department: string;
  periodKey: string;
  status: 'in_review' | 'pending_approval' | 'approved';
  bound: number;
  rejection: { by: string; reason: string } | null;
  reps: AssessmentRepLine[];
  /** Which page of reps (20 a page) to show, with its part of the adjustment form; 0 when absent. */
  page?: number;
  /** HR sent back only these reps: the form offers only them, the others stay as submitted. */
  reopenedUserIds?: number[];
}

export function repLineText(rep: AssessmentRepLine, locale: Locale): string {
  const adjustment = rep.adjustment ? t(locale, 'assessment.review.adjustment', { points: rep.adjustment, reason: u(rep.reason ?? '') }) : '';
  return t(locale, 'assessment.review.rep', { name: u(rep.name), employeeNo: u(rep.employeeNo), total: rep.total, grade: rep.grade, final: rep.final, finalGrade: rep.finalGrade, adjustment });
}

/** The manager's review: the team's frozen results, an adjustment form and the submit button while in review. */
export const assessmentReviewCard = defineCard<AssessmentReviewCardData>(
  'assessment-review',
  (data, locale) => {
    const editable = data.status === 'in_review';
    const elements: CardElement[] = [
      { type: 'fields', fields: [{ label: t(locale, 'assessment.result.status'), value: t(locale, `assessment.status.${data.status}`) }] },
    ];
    if (data.rejection && editable) elements.push({ type: 'note', text: t(locale, 'assessment.review.rejected', { by: u(data.rejection.by), reason: u(data.rejection.reason) }) });
    const reopened = data.reps.filter((r) => data.reopenedUserIds?.includes(r.userId));
    if (editable && reopened.length > 0) elements.push({ type: 'note', text: t(locale, 'assessment.review.sentBack', { names: reopened.map((r) => u(r.name)).join('、') }) });
    if (editable) elements.push({ type: 'markdown', text: t(locale, 'assessment.review.intro', { bound: data.bound }) });
    const shown = pageOf(data.reps, data.page);
    elements.push({ type: 'divider' }, { type: 'markdown', text: shown.items.map((rep) => repLineText(rep, locale)).join('\n') });
    const args = { id: String(data.assessmentId), v: String(data.version) };
    elements.push(...pageElements(shown, locale, (page) => ({ command: 'assessment.reviewPage', args: { ...args, page: String(page) } })));
    if (editable) {
      elements.push({
        type: 'form',
        name: 'adjust',
        inputs: [
          { name: 'rep', label: t(locale, 'assessment.review.form.rep'), kind: 'select', required: true, options: (reopened.length > 0 ? reopened : shown.items).map((r) => ({ label: u(`${r.name} (${r.employeeNo})`), value: String(r.userId) })) },
          { name: 'points', label: t(locale, 'assessment.review.form.points'), kind: 'text', required: true },
          { name: 'reason', label: t(locale, 'assessment.review.form.reason'), kind: 'textarea', required: true },
        ],
        submit: { label: t(locale, 'assessment.button.saveAdjustment'), action: { command: 'assessment.adjust', args: { id: String(data.assessmentId) } } },
      });
      elements.push({
        type: 'actions',
        buttons: [
          {
            label: t(locale, 'assessment.button.submit'),
            style: 'primary',
            action: { command: 'assessment.submit', args: { id: String(data.assessmentId), v: String(data.version) } },
            // Submitting hands the round to HR: the platform asks first (Feishu and DingTalk show it natively).
            confirm: { title: t(locale, 'assessment.review.confirmTitle'), text: t(locale, 'assessment.review.confirmText', { count: data.reps.length, adjusted: data.reps.filter((r) => r.adjustment !== null).length }) },
          },
        ],
      });
    }
    if (data.status === 'pending_approval') {
      // Until HR decides, the manager may take the review back.
      elements.push({ type: 'actions', buttons: [{ label: t(locale, 'assessment.button.withdraw'), action: { command: 'assessment.withdraw', args } }] });
    }
    if (data.detailUrl) elements.push({ type: 'link', label: t(locale, 'assessment.openInApp'), url: data.detailUrl });
    return {
      template: 'assessment-review',
      title: t(locale, 'assessment.review.title', { department: u(data.department), period: data.periodKey }),
      color: editable ? 'orange' : 'grey',
      elements,
    };
  },
  {
    assessmentId: 1,
    version: 3,
    detailUrl: 'https://kpi.example.com/app/#/assessments/detail?id=1',
    department: '华东一组',
    periodKey: '2026-11',
    status: 'in_review',
    bound: 10,
    rejection: { by: '林HR', reason: '钱多多的调整理由不充分' },
    reps: [
      { userId: 3, name: '张三', employeeNo: 'S101', total: '83.6', grade: 'B', adjustment: '+2', reason: '大客户攻坚', final: '85.6', finalGrade: 'A' },
      { userId: 4, name: '李四', employeeNo: 'S102', total: '71', grade: 'C', adjustment: null, reason: null, final: '71', finalGrade: 'C' },
    ],
  },
);
