import { textReply } from '../../domain/card-model.js';
import { t, type MessageKey } from '../../i18n/index.js';
import type { Actor } from '../../features/actor.js';
import type { Role } from '../../domain/org/roles.js';
import { acknowledgeResult, appealResult, approveAssessment, assessmentOfDepartment, ownResultIdOfPeriod, rejectAssessment } from '../../features/assessment/index.js';
import { defineCommand, type CommandContext, type CommandDefinition, type TextOutput } from '../command.js';

/**
 * The assessment steps as typed commands, for where a card's buttons cannot call back (a DingTalk
 * tenant with no card template) and for anyone who prefers typing. Each calls the same feature as
 * the button on the card (assessment.ts), so rights and states are checked the same way.
 */

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** "华东一组 2026-11 理由…" → the words before the period, the period, the words after it. */
export function splitAroundPeriod(rest: string): { before: string; periodKey: string; after: string } | undefined {
  const words = rest.trim().split(/\s+/);
  const at = words.findIndex((w) => PERIOD.test(w));
  if (at < 0) return undefined;
  return { before: words.slice(0, at).join(' '), periodKey: words[at] as string, after: words.slice(at + 1).join(' ') };
}

const actorOf = (ctx: CommandContext): Actor => ({ user: ctx.user, scope: ctx.scope(), locale: ctx.locale, source: ctx.platform, now: ctx.now });
const say = (ctx: CommandContext, key: MessageKey): TextOutput => ({ send: [textReply(t(ctx.locale, key))] });

type Step = 'ack' | 'appeal' | 'approve' | 'reject';

/** What each step needs typed: a department before the period (HR steps), a reason after it. */
const NEEDS: Record<Step, { department: boolean; reason: boolean }> = {
  ack: { department: false, reason: false },
  appeal: { department: false, reason: true },
  approve: { department: true, reason: false },
  reject: { department: true, reason: true },
};

async function run(ctx: CommandContext, step: Step, rest: string): Promise<TextOutput> {
  const parts = splitAroundPeriod(rest);
  const needs = NEEDS[step];
  if (!parts || (needs.department && parts.before === '') || (needs.reason && parts.after === '')) return say(ctx, `assessment.typed.usage.${step}`);
  const deps = ctx.deps.assessment;
  const actor = actorOf(ctx);
  const { periodKey } = parts;
  switch (step) {
    case 'ack':
      await acknowledgeResult(deps, actor, { resultId: await ownResultIdOfPeriod(deps, actor, { periodKey }) });
      return say(ctx, 'assessment.toast.acknowledged');
    case 'appeal':
      await appealResult(deps, actor, { resultId: await ownResultIdOfPeriod(deps, actor, { periodKey }), reason: parts.after });
      return say(ctx, 'assessment.toast.appealed');
    case 'approve':
    case 'reject': {
      const row = await assessmentOfDepartment(deps, actor, { department: parts.before, periodKey });
      const input = { assessmentId: row.id, version: row.version };
      // Anything after the period is the acknowledgement a round outside the forced distribution needs.
      if (step === 'approve') await approveAssessment(deps, actor, { ...input, acknowledgement: parts.after });
      else await rejectAssessment(deps, actor, { ...input, reason: parts.after });
      return say(ctx, step === 'approve' ? 'assessment.toast.approved' : 'assessment.toast.rejected');
    }
  }
}

/** Who decides on a department's reviews: help lists 通过 / 驳回 for them only. */
const DECIDERS: readonly Role[] = ['manager', 'hr', 'admin'];

const SPECS: { step: Step; words: string[]; example: string; exampleEn: string; audience?: readonly Role[] }[] = [
  { step: 'ack', words: ['确认', '/ack'], example: '确认 2026-11', exampleEn: '/ack 2026-11' },
  { step: 'appeal', words: ['申诉', '/appeal'], example: '申诉 2026-11 理由', exampleEn: '/appeal 2026-11 reason' },
  { step: 'approve', words: ['通过', '/approve'], example: '通过 华东一组 2026-11', exampleEn: '/approve 华东一组 2026-11', audience: DECIDERS },
  { step: 'reject', words: ['驳回', '/reject'], example: '驳回 华东一组 2026-11 理由', exampleEn: '/reject 华东一组 2026-11 reason', audience: DECIDERS },
];

export function createAssessmentTypedCommands(): CommandDefinition[] {
  return SPECS.map(({ step, words, example, exampleEn, audience }) =>
    defineCommand({
      name: `assessment-${step}`,
      words,
      ...(audience ? { audience } : {}),
      summary: `command.assessment.${step}.summary`,
      examples: [example],
      examplesEn: [exampleEn],
      onText: (ctx, rest) => run(ctx, step, rest),
    }),
  );
}
