import type { CardElement } from '../src/domain/card-model.js';
import { t, type Locale } from '../src/i18n/index.js';
import { repLineText, type AssessmentRepLine } from './assessment-review.js';
import { defineCard } from './define.js';
import { userText as u } from '../src/domain/user-text.js';
import { pageElements, pageOf } from './paging.js';
import { distributionCheckLines, isBreached, type DistributionCheckView } from './distribution-check.js';

export interface AssessmentApprovalCardData {
  assessmentId: number;
  version: number;
  /** The assessment's page in the mini-app (distribution chart, every line). */
  detailUrl?: string;
  department: string;
  periodKey: string;
  manager: string;
  reps: AssessmentRepLine[];
  /** "S 1 (10.0%) · A 2 (20.0%) …", in S·A·B·C·D order. */
  distribution: string;
  /** The forced-distribution check: team size, rounding used, each limit. */
  distributionCheck: DistributionCheckView;
  /** Corrections to the previous locked period carried into this one, already worded. */
  carriedOver: string[];
  /** Set once decided (or superseded): every copy then shows it and no buttons. */
  outcome: { kind: 'approved' | 'rejected' | 'superseded'; by: string; at: string; reason?: string } | null;
  /** 驳回 was clicked: show the reason form. */
  rejecting: boolean;
  /** 通过 was clicked on a card outside the forced distribution: show the acknowledgement form. */
  acknowledging?: boolean;
  /** Which page of reps (20 a page) to show; 0 when absent. */
  page?: number;
  /** A resubmission: what changed per rep since the round before, already worded. */
  changes?: string[];
  /** Who decides when it is not simply HR: an admin (no HR user outside it), and the HR users standing aside (names). */
  deciders?: { byAdmin: boolean; recused: string[] };
}

/** Why this card went to whom it did: an admin decides, or HR users stand aside; nothing in the usual case. */
function decidersNote(deciders: AssessmentApprovalCardData['deciders'], locale: Locale): CardElement[] {
  if (!deciders) return [];
  const lines = [
    ...(deciders.byAdmin ? [t(locale, 'assessment.approval.byAdmin')] : []),
    ...(deciders.recused.length > 0 ? [t(locale, 'assessment.approval.recused', { names: deciders.recused.map(u).join('、') })] : []),
  ];
  return lines.length === 0 ? [] : [{ type: 'note', text: lines.join('\n') }];
}

/** HR's approval card, one per department: results, distribution check, adjustments, 通过 / 驳回. */
export const assessmentApprovalCard = defineCard<AssessmentApprovalCardData>(
  'assessment-approval',
  (data, locale) => {
    const shown = pageOf(data.reps, data.page);
    const breached = isBreached(data.distributionCheck);
    const adjusted = shown.items.filter((r) => r.adjustment);
    const elements: CardElement[] = [
      {
        type: 'fields',
        fields: [
          { label: t(locale, 'assessment.approval.manager'), value: u(data.manager) },
          { label: t(locale, 'assessment.approval.reps'), value: String(data.reps.length) },
          { label: t(locale, 'assessment.approval.distribution'), value: data.distribution },
        ],
      },
      ...decidersNote(data.deciders, locale),
      { type: 'note', text: distributionCheckLines(data.distributionCheck, locale).join('\n') },
      { type: 'divider' },
      { type: 'markdown', text: shown.items.map((rep) => repLineText(rep, locale)).join('\n') },
      {
        type: 'markdown',
        text:
          adjusted.length === 0
            ? t(locale, 'assessment.approval.noAdjustments')
            : `**${t(locale, 'assessment.approval.adjustments')}**\n${adjusted.map((r) => t(locale, 'assessment.approval.adjustmentLine', { name: u(r.name), points: r.adjustment ?? '', reason: u(r.reason ?? '') })).join('\n')}`,
      },
    ];
    if (data.changes?.length) elements.push({ type: 'note', text: `${t(locale, 'assessment.approval.changes')}\n${data.changes.map(u).join('\n')}` });
    if (data.carriedOver.length > 0) elements.push({ type: 'note', text: `${t(locale, 'assessment.approval.carriedOver')}\n${data.carriedOver.map(u).join('\n')}` });
    const args = { id: String(data.assessmentId), v: String(data.version) };
    elements.push(...pageElements(shown, locale, (page) => ({ command: 'assessment.approvalPage', args: { ...args, page: String(page) } })));
    const approveTyped = `通过 ${u(data.department)} ${data.periodKey}`;
    const rejectTyped = `驳回 ${u(data.department)} ${data.periodKey} 理由`;
    if (data.outcome) {
      const key = data.outcome.kind === 'approved' ? 'assessment.approval.approved' : data.outcome.kind === 'rejected' ? 'assessment.approval.rejected' : 'assessment.approval.superseded';
      elements.push({ type: 'divider' }, { type: 'markdown', text: t(locale, key, { by: u(data.outcome.by), at: data.outcome.at, reason: u(data.outcome.reason ?? '') }) });
    } else if (data.acknowledging && breached) {
      elements.push({
        type: 'form',
        name: 'approve',
        inputs: [{ name: 'acknowledgement', label: t(locale, 'distribution.ackLabel'), kind: 'textarea', required: true }],
        submit: { label: t(locale, 'distribution.ackConfirm'), style: 'primary', action: { command: 'assessment.approve', args }, typed: `${approveTyped} 理由` },
      });
    } else if (data.rejecting) {
      elements.push({
        type: 'form',
        name: 'reject',
        inputs: [
          { name: 'reason', label: t(locale, 'assessment.approval.rejectReason'), kind: 'textarea', required: true },
          { name: 'rep', label: t(locale, 'assessment.approval.sendBackRep'), kind: 'select', options: data.reps.map((r) => ({ label: u(`${r.name} (${r.employeeNo})`), value: String(r.userId) })) },
        ],
        submit: { label: t(locale, 'assessment.button.confirmReject'), style: 'danger', action: { command: 'assessment.reject', args }, typed: rejectTyped },
      });
    } else {
      if (breached) elements.push({ type: 'note', text: t(locale, 'distribution.breached') });
      elements.push({
        type: 'actions',
        buttons: [
          // Outside the distribution the same action first answers with the acknowledgement form.
          { label: t(locale, 'assessment.button.approve'), style: 'primary', action: { command: 'assessment.approve', args }, typed: breached ? `${approveTyped} 理由` : approveTyped },
          { label: t(locale, 'assessment.button.reject'), style: 'danger', action: { command: 'assessment.rejectForm', args }, typed: rejectTyped },
        ],
      });
    }
    if (data.detailUrl) elements.push({ type: 'link', label: t(locale, 'assessment.openInApp'), url: data.detailUrl });
    const color = data.outcome?.kind === 'approved' ? 'green' : data.outcome ? 'grey' : breached ? 'orange' : 'blue';
    return { template: 'assessment-approval', title: t(locale, 'assessment.approval.title', { department: u(data.department), period: data.periodKey }), color, elements };
  },
  {
    assessmentId: 1,
    version: 4,
    detailUrl: 'https://kpi.example.com/app/#/assessments/detail?id=1',
    department: '华东一组',
    periodKey: '2026-11',
    manager: '王经理',
    reps: [
      { userId: 3, name: '张三', employeeNo: 'S101', total: '86.6', grade: 'A', adjustment: '+5', reason: '大客户攻坚', final: '91.6', finalGrade: 'S' },
      { userId: 5, name: '王五', employeeNo: 'S103', total: '95.2', grade: 'S', adjustment: null, reason: null, final: '95.2', finalGrade: 'S' },
      { userId: 4, name: '李四', employeeNo: 'S102', total: '71', grade: 'C', adjustment: null, reason: null, final: '71', finalGrade: 'C' },
    ],
    distribution: 'S 2 (66.7%) · C 1 (33.3%)',
    distributionCheck: {
      total: 3,
      rounding: 'small-team',
      checks: [
        { grade: 'S', kind: 'max', percent: 10, count: 2, limit: 1, ok: false },
        { grade: 'D', kind: 'min', percent: 5, count: 0, limit: 0, ok: true },
      ],
    },
    carriedOver: ['李四 2026-10：锁定 71 → 更正后 74.5'],
    outcome: null,
    rejecting: false,
    deciders: { byAdmin: false, recused: ['李四'] },
  },
);
