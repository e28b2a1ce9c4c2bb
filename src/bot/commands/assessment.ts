import { assessmentApprovalCard } from '../../../cards/assessment-approval.js';
import { assessmentAppealCard } from '../../../cards/assessment-appeal.js';
import { assessmentResultCard } from '../../../cards/assessment-result.js';
import { assessmentReviewCard } from '../../../cards/assessment-review.js';
import type { CardAction } from '../../domain/card-model.js';
import { AppError } from '../../domain/errors.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { translateProblem } from '../../i18n/problem-text.js';
import { isProblemError, problem, ProblemError } from '../../domain/problem.js';
import { DISTRIBUTION_ACK_REQUIRED } from '../../domain/assessment/distribution-acknowledgement.js';
import type { Actor } from '../../features/actor.js';
import {
  acknowledgeResult,
  adjustResult,
  appealResult,
  approveAssessment,
  currentAppeal,
  currentAssessment,
  ownResult,
  rejectAssessment,
  resolveAppeal,
  roundAwaitingDecision,
  submitReview,
  sendBackResults,
  withdrawReview,
  type AppealRow,
  type AssessmentRow,
  type ResultRow,
} from '../../features/assessment/index.js';
import { defineCommand, type CommandContext, type CommandDefinition, type CommandOutput } from '../command.js';

function idArg(args: Record<string, string>, name: string): number {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value <= 0) throw new ProblemError(problem('VALIDATION_FAILED', 'assessment.problem.badCardArgument', { name }));
  return value;
}

const pageArg = (args: Record<string, string>): number => Math.max(0, Math.trunc(Number(args.page) || 0));

const actorOf = (ctx: CommandContext): Actor => ({ user: ctx.user, scope: ctx.scope(), locale: ctx.locale, source: ctx.platform, now: ctx.now });

/** A CONFLICT (a decision someone else made first, a card out of date) is answered with the card as it stands. */
function onConflict(error: unknown, answer: (text: string) => Promise<CommandOutput>, locale: CommandContext['locale']): Promise<CommandOutput> {
  if (isProblemError(error) && error.problem.code === 'CONFLICT') return answer(translateProblem(locale, error.problem));
  throw error;
}

/**
 * The assessment cycle's card clicks (no typed words: everything starts from a card the bot sent).
 * assessment.adjust / .submit (manager), .approve / .rejectForm / .reject (HR), .ack / .appealForm /
 * .appeal (rep), .resolve (HR or the manager), .approvalPage / .reviewPage (paging the rep list). Each step calls the same feature as the H5 page
 * (src/features/assessment); a refusal is a ProblemError the pipeline turns into an error toast.
 */
export function createAssessmentCommand(): CommandDefinition {
  return defineCommand({
    name: 'assessment',
    words: [],
    summary: 'command.assessment.summary',
    examples: [],
    hidden: true,
    // Typed text never reaches it (no words); each step is one action, `assessment.<step>`.
    actions: Object.fromEntries(STEPS.map((step) => [step, (ctx: CommandContext, action: CardAction, form: Record<string, string>) => runStep(ctx, step, action, form)])),
  });
}

const STEPS = ['adjust', 'submit', 'withdraw', 'approve', 'reject', 'rejectForm', 'ack', 'appeal', 'appealForm', 'resolve', 'approvalPage', 'reviewPage'] as const;

async function runStep(ctx: CommandContext, step: (typeof STEPS)[number], action: CardAction, form: Record<string, string>): Promise<CommandOutput> {
  const deps = ctx.deps.assessment;
  const { views } = deps;
  const actor = actorOf(ctx);
  const { args } = action;
  const exceptMessageId = ctx.clickedMessageId;

  const success = (key: MessageKey, card: CommandOutput['card'], params: Record<string, string> = {}): CommandOutput => ({ toast: { kind: 'success', text: t(ctx.locale, key, params) }, card });
  const reviewCard = async (row: AssessmentRow, page?: number) => assessmentReviewCard.build({ ...(await views.review(row)), page }, ctx.locale);
  const approvalCard = async (row: AssessmentRow, options: { cardVersion?: number; rejecting?: boolean; acknowledging?: boolean }, page?: number) =>
    assessmentApprovalCard.build({ ...(await views.approval(row, ctx.locale, options)), page }, ctx.locale);
  const resultCard = async (result: ResultRow, row: AssessmentRow, appealing = false) => assessmentResultCard.build(await views.result(result, row, ctx.locale, { appealing }), ctx.locale);
  const appealCard = async (appeal: AppealRow, result: ResultRow, row: AssessmentRow) => assessmentAppealCard.build(await views.appeal(appeal, result, row, ctx.locale), ctx.locale);

  switch (step) {
    case 'adjust': {
      const { assessment, repName } = await adjustResult(deps, actor, { assessmentId: idArg(args, 'id'), repUserId: Number(form.rep), points: form.points ?? '', reason: form.reason ?? '' });
      return success('assessment.toast.adjusted', await reviewCard(assessment), { name: repName });
    }
    case 'submit': {
      const { assessment } = await submitReview(deps, actor, { assessmentId: idArg(args, 'id'), version: idArg(args, 'v') });
      return success('assessment.toast.submitted', await reviewCard(assessment));
    }
    case 'withdraw': {
      const { assessment } = await withdrawReview(deps, actor, { assessmentId: idArg(args, 'id'), version: idArg(args, 'v') });
      return success('assessment.toast.withdrawn', await reviewCard(assessment));
    }
    case 'approve':
    case 'reject':
    case 'rejectForm': {
      const assessmentId = idArg(args, 'id');
      const cardVersion = idArg(args, 'v');
      try {
        if (step === 'rejectForm') return { card: await approvalCard(await roundAwaitingDecision(deps,actor,{ assessmentId,version: cardVersion }), { rejecting: true }) };
        const input = { assessmentId, version: cardVersion, ...(exceptMessageId ? { exceptMessageId } : {}) };
        // A rep chosen on the reason form: only they go back, the others stay as submitted.
        const rep = step === 'reject' && form.rep ? Number(form.rep) : null;
        const reason = form.reason ?? '';
        const { assessment } =
          step === 'approve'
            ? await approveAssessment(deps, actor, { ...input, acknowledgement: form.acknowledgement ?? '' })
            : rep
              ? await sendBackResults(deps, actor, { ...input, repUserIds: [rep], reason })
              : await rejectAssessment(deps, actor, { ...input, reason });
        return success(step === 'approve' ? 'assessment.toast.approved' : rep ? 'assessment.toast.sentBack' : 'assessment.toast.rejected', await approvalCard(assessment, { cardVersion }));
      } catch (error) {
        // Outside the forced distribution: the same card, now asking why approve anyway.
        if (isProblemError(error) && error.problem.key === DISTRIBUTION_ACK_REQUIRED) {
          return { toast: { kind: 'warning', text: translateProblem(ctx.locale, error.problem) }, card: await approvalCard(await currentAssessment(deps, actor, { assessmentId, doing: 'decide' }), { acknowledging: true }) };
        }
        // The loser of a race, or a click on an old card, sees who decided and the card as it now stands.
        return onConflict(error, async (text) => {
          const row = await currentAssessment(deps, actor, { assessmentId, doing: 'decide' });
          const card = await approvalCard(row, { cardVersion });
          return { toast: { kind: row.status === 'pending_approval' ? 'warning' : 'info', text }, card };
        }, ctx.locale);
      }
    }
    case 'ack':
    case 'appeal':
    case 'appealForm': {
      const resultId = idArg(args, 'result');
      if (step === 'appealForm') {
        const { result, assessment } = await ownResult(deps, actor, { resultId });
        return { card: await resultCard(result, assessment, result.status === 'published') };
      }
      const indicator = (form.indicator ?? '').trim();
      const { result, assessment } = await (step === 'ack' ? acknowledgeResult(deps, actor, { resultId }) : appealResult(deps, actor, { resultId, reason: form.reason ?? '', ...(indicator ? { indicatorKey: indicator } : {}) }));
      return success(step === 'ack' ? 'assessment.toast.acknowledged' : 'assessment.toast.appealed', await resultCard(result,assessment));
    }
    case 'resolve': {
      const appealId = idArg(args, 'appeal');
      try {
        const input = { appealId, outcome: form.outcome ?? '', reason: form.reason ?? '', ...(form.points === undefined ? {} : { points: form.points }), ...(exceptMessageId ? { exceptMessageId } : {}) };
        const { appeal, result, assessment } = await resolveAppeal(deps, actor, input);
        return success('assessment.toast.resolved', await appealCard(appeal,result,assessment));
      } catch (error) {
        return onConflict(error, async (text) => {
          const { appeal, result, assessment } = await currentAppeal(deps, actor, { appealId });
          return { toast: { kind: 'info', text }, card: await appealCard(appeal, result, assessment) };
        }, ctx.locale);
      }
    }
    // 上一页 / 下一页: the card as it stands now, at that page (reading needs only the right to see it).
    case 'approvalPage':
      return { card: await approvalCard(await currentAssessment(deps,actor,{ assessmentId: idArg(args,'id'),doing: 'read' }), { cardVersion: idArg(args, 'v') }, pageArg(args)) };
    case 'reviewPage':
      return { card: await reviewCard(await currentAssessment(deps,actor,{ assessmentId: idArg(args,'id'),doing: 'read' }), pageArg(args)) };
    default:
      throw new AppError('UNKNOWN_COMMAND', `unknown assessment step ${step}`);
  }
}
