import { assessmentApprovalCard } from '../../../cards/assessment-approval.js';
import { assessmentAppealCard } from '../../../cards/assessment-appeal.js';
import { assessmentResultCard } from '../../../cards/assessment-result.js';
import { assessmentReviewCard } from '../../../cards/assessment-review.js';
import type { AuditActor } from '../../db/repositories/assessment-audit.js';
import type { AssessmentRow, ResultRow, TransitionOutcome } from '../../db/repositories/assessment-repository.js';
import { parsePointsToCenti } from '../../domain/assessment/frozen-scorecard.js';
import type { Actor } from '../../domain/assessment/state-machine.js';
import { AppError } from '../../domain/errors.js';
import { t, type Locale } from '../../domain/messages/index.js';
import { translateProblem } from '../../domain/messages/problem-text.js';
import { createAssessmentWorkflow } from '../../services/assessment-workflow.js';
import type { CommandDefinition, CommandOutput } from '../command.js';

function invalid(reason: string): AppError {
  return new AppError('VALIDATION_FAILED', reason, { params: { reason } });
}

function idArg(args: Record<string, string>, name: string): number {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value <= 0) throw invalid(`卡片参数 ${name} 无效 (bad card argument)`);
  return value;
}

/** A refusal leaves everything as it was and says why in a toast. */
function refused(outcome: Exclude<TransitionOutcome<unknown>, { ok: true }>, ctx: { locale: Locale }): CommandOutput {
  return { toast: { kind: 'error', text: translateProblem(ctx.locale, outcome.problem) } };
}

/**
 * The assessment cycle's card clicks (no typed words: everything starts from a card the bot sent).
 * assessment.adjust / .submit (manager), .approve / .rejectForm / .reject (HR), .ack / .appealForm /
 * .appeal (rep), .resolve (HR or the manager).
 */
export function createAssessmentCommand(): CommandDefinition {
  return {
    name: 'assessment',
    words: [],
    summary: 'command.assessment.summary',
    examples: [],
    hidden: true,
    run(ctx, input) {
      if (input.source !== 'action') return {};
      const workflow = createAssessmentWorkflow(ctx.deps);
      const who: Actor = { userId: ctx.user.id, roles: ctx.user.roles };
      const audit: AuditActor = { userId: ctx.user.id, channel: ctx.platform, now: ctx.now };
      const { args } = input.action;
      const form = input.formValues;
      const step = input.action.command.split('.')[1] ?? '';
      const views = workflow.views;

      const reviewCard = (row: AssessmentRow) => assessmentReviewCard.build(views.review(row), ctx.locale);
      const resultCard = (result: ResultRow, appealing = false) => {
        const row = workflow.repo.get(result.assessmentId) as AssessmentRow;
        return assessmentResultCard.build(views.result(result, row, ctx.locale, { appealing }), ctx.locale);
      };

      /** The loser of a race, or a click on an old card, sees who decided and the card as it now stands. */
      const decidedAlready = (row: AssessmentRow, cardVersion: number): CommandOutput => {
        const card = assessmentApprovalCard.build(views.approval(row, ctx.locale, { cardVersion }), ctx.locale);
        // Still awaiting approval but resubmitted since this card was sent: point to the latest card.
        if (row.status === 'pending_approval') return { toast: { kind: 'warning', text: t(ctx.locale, 'assessment.approval.superseded') }, card };
        const by = views.nameOf(row.decidedByUserId);
        return { toast: { kind: 'info', text: t(ctx.locale, 'assessment.toast.alreadyDecided', { by, status: t(ctx.locale, `assessment.status.${row.status}`) }) }, card };
      };

      switch (step) {
        case 'adjust': {
          const id = idArg(args, 'id');
          const repUserId = Number(form.rep);
          if (!Number.isInteger(repUserId) || repUserId <= 0) throw invalid(t(ctx.locale, 'assessment.badRep'));
          const centi = parsePointsToCenti(form.points ?? '');
          if (centi === null) throw invalid(t(ctx.locale, 'assessment.badPoints'));
          const outcome = workflow.repo.transition(id, { type: 'adjust', repUserId, points: centi / 100, reason: form.reason ?? '' }, who, audit);
          if (!outcome.ok) return refused(outcome, ctx);
          const name = workflow.repo.resultsOf(id).find((r) => r.userId === repUserId)?.name ?? '';
          return { toast: { kind: 'success', text: t(ctx.locale, 'assessment.toast.adjusted', { name }) }, card: reviewCard(outcome.row) };
        }
        case 'submit': {
          const outcome = workflow.repo.transition(idArg(args, 'id'), { type: 'submit' }, who, audit, idArg(args, 'v'));
          if (!outcome.ok) return refused(outcome, ctx);
          workflow.afterSubmit(outcome.row);
          return { toast: { kind: 'success', text: t(ctx.locale, 'assessment.toast.submitted') }, card: reviewCard(outcome.row) };
        }
        case 'approve':
        case 'reject':
        case 'rejectForm': {
          const id = idArg(args, 'id');
          const cardVersion = idArg(args, 'v');
          // Before anything else: whoever is not HR learns nothing about the assessment, whatever its state.
          if (!ctx.user.roles.includes('hr')) return { toast: { kind: 'error', text: '只有 HR 可以审批 (only HR may approve or reject)' } };
          if (step === 'rejectForm') {
            const row = workflow.repo.get(id);
            if (!row) throw invalid('考核不存在 (no such assessment)');
            if (row.version !== cardVersion || row.status !== 'pending_approval') return decidedAlready(row, cardVersion);
            return { card: assessmentApprovalCard.build(views.approval(row, ctx.locale, { rejecting: true }), ctx.locale) };
          }
          const action = step === 'approve' ? ({ type: 'approve' } as const) : ({ type: 'reject', reason: form.reason ?? '' } as const);
          const outcome = workflow.repo.transition(id, action, who, audit, cardVersion);
          if (!outcome.ok) {
            const decided = outcome.problem.code === 'INVALID_STATE' && outcome.row && (outcome.row.status !== 'pending_approval' || outcome.stale);
            return decided && outcome.row ? decidedAlready(outcome.row, cardVersion) : refused(outcome, ctx);
          }
          workflow.afterDecision(outcome.row, cardVersion, ctx.clickedMessageId);
          const card = assessmentApprovalCard.build(views.approval(outcome.row, ctx.locale, { cardVersion }), ctx.locale);
          return { toast: { kind: 'success', text: t(ctx.locale, step === 'approve' ? 'assessment.toast.approved' : 'assessment.toast.rejected') }, card };
        }
        case 'ack':
        case 'appeal':
        case 'appealForm': {
          const resultId = idArg(args, 'result');
          if (step === 'appealForm') {
            const result = workflow.repo.result(resultId);
            if (!result || result.userId !== ctx.user.id) return { toast: { kind: 'error', text: '只有本人可以确认或申诉 (only the rep may acknowledge or appeal)' } };
            return { card: resultCard(result, result.status === 'published') };
          }
          const indicator = (form.indicator ?? '').trim();
          const action = step === 'ack' ? ({ type: 'acknowledge' } as const) : ({ type: 'appeal', reason: form.reason ?? '', ...(indicator ? { indicatorKey: indicator } : {}) } as const);
          const outcome = workflow.repo.actOnResult(resultId, action, who, audit);
          if (!outcome.ok) return refused(outcome, ctx);
          if (step === 'appeal' && outcome.appealId !== undefined) workflow.afterAppeal(outcome.row, outcome.appealId);
          return { toast: { kind: 'success', text: t(ctx.locale, step === 'ack' ? 'assessment.toast.acknowledged' : 'assessment.toast.appealed') }, card: resultCard(outcome.row) };
        }
        case 'resolve': {
          const appeal = workflow.repo.appeal(idArg(args, 'appeal'));
          if (!appeal) throw invalid('申诉不存在 (no such appeal)');
          const reason = form.reason ?? '';
          let action: Parameters<typeof workflow.repo.actOnResult>[1];
          if (form.outcome === 'adjust') {
            const centi = parsePointsToCenti(form.points ?? '');
            if (centi === null || centi === 0) throw invalid(t(ctx.locale, 'assessment.badPoints'));
            action = { type: 'resolve-appeal', outcome: 'adjust', points: centi / 100, reason };
          } else if (form.outcome === 'uphold') {
            action = { type: 'resolve-appeal', outcome: 'uphold', reason };
          } else {
            throw invalid('请选择处理结果 (choose an outcome)');
          }
          const outcome = workflow.repo.actOnResult(appeal.resultId, action, who, audit);
          if (!outcome.ok) {
            const current = workflow.repo.appeal(appeal.id) as typeof appeal;
            if (outcome.problem.code === 'INVALID_STATE' && current.status === 'resolved' && outcome.row) {
              const row = workflow.repo.get(outcome.row.assessmentId) as AssessmentRow;
              const card = assessmentAppealCard.build(views.appeal(current, outcome.row, row, ctx.locale), ctx.locale);
              return { toast: { kind: 'info', text: t(ctx.locale, 'assessment.toast.alreadyDecided', { by: views.nameOf(current.resolvedByUserId), status: t(ctx.locale, 'assessment.result.status.appeal_resolved') }) }, card };
            }
            return refused(outcome, ctx);
          }
          workflow.afterResolve(outcome.row, appeal.id, ctx.clickedMessageId);
          const row = workflow.repo.get(outcome.row.assessmentId) as AssessmentRow;
          const card = assessmentAppealCard.build(views.appeal(workflow.repo.appeal(appeal.id) as typeof appeal, outcome.row, row, ctx.locale), ctx.locale);
          return { toast: { kind: 'success', text: t(ctx.locale, 'assessment.toast.resolved') }, card };
        }
        default:
          throw new AppError('UNKNOWN_COMMAND', `unknown assessment step ${step}`);
      }
    },
  };
}

