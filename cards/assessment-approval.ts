import type { CardElement } from '../src/domain/card-model.js';
import { t, type Locale } from '../src/i18n/index.js';
import { repLineText, type AssessmentRepLine } from './assessment-review.js';
import { defineCard } from './define.js';
import { userText as u } from '../src/domain/user-text.js';
import { pageElements, pageOf } from './paging.js';

export interface AssessmentApprovalCardData {
  assessmentId: number;
  version: number;
  /** The assessment's page in the mini-app (distribution chart, every line). */
  detailUrl?: string;
  department: string;
  periodKey: string;
  manager: string;
  reps: AssessmentRepLine[];
  /** "S 1 (10.0%) · A 2 (20.0%) …" */
  distribution: string;
  /** Broken forced-distribution limits, already worded. */
  distributionFlags: string[];
  /** Corrections to the previous locked period carried into this one, already worded. */
  carriedOver: string[];
  /** Set once decided (or superseded): every copy then shows it and no buttons. */
  outcome: { kind: 'approved' | 'rejected' | 'superseded'; by: string; at: string; reason?: string } | null;
  /** 驳回 was clicked: show the reason form. */
  rejecting: boolean;
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
      { type: 'note', text: data.distributionFlags.length > 0 ? data.distributionFlags.map(u).join('\n') : t(locale, 'assessment.approval.distributionOk') },
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
      elements.push({
        type: 'actions',
        buttons: [
          { label: t(locale, 'assessment.button.approve'), style: 'primary', action: { command: 'assessment.approve', args }, typed: approveTyped },
          { label: t(locale, 'assessment.button.reject'), style: 'danger', action: { command: 'assessment.rejectForm', args }, typed: rejectTyped },
        ],
      });
    }
    if (data.detailUrl) elements.push({ type: 'link', label: t(locale, 'assessment.openInApp'), url: data.detailUrl });
    const color = data.outcome?.kind === 'approved' ? 'green' : data.outcome ? 'grey' : data.distributionFlags.length > 0 ? 'orange' : 'blue';
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
      { userId: 3, name: '张三', employeeNo: 'S101', total: '83.6', grade: 'B', adjustment: '+2', reason: '大客户攻坚', final: '85.6', finalGrade: 'A' },
      { userId: 4, name: '李四', employeeNo: 'S102', total: '71', grade: 'C', adjustment: null, reason: null, final: '71', finalGrade: 'C' },
    ],
    distribution: 'A 1 (50.0%) · C 1 (50.0%)',
    distributionFlags: ['强制分布：D 级 0 人，少于下限 1 人（5%）'],
    carriedOver: ['李四 2026-10：锁定 71 → 更正后 74.5'],
    outcome: null,
    rejecting: false,
    deciders: { byAdmin: false, recused: ['李四'] },
  },
);
