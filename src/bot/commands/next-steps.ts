import { infoCard } from '../../../cards/info.js';
import { cardReply, textReply, type CardModel } from '../../domain/card-model.js';
import { completeNextStep, listMyNextSteps, rescheduleForm, rescheduleNextStep, type NextStepItem } from '../../features/next-steps/steps.js';
import { t, type Locale } from '../../i18n/index.js';
import { actorOf } from '../actor.js';
import { defineCommand, type CommandContext, type CommandDefinition } from '../command.js';
import { invalid } from '../../features/records/refusals.js';

/** Lines of 待办 shown in one card; the rest are counted. */
const LIST_MAX = 20;

/** `#17 2026-12-02 · 华为：报价` (overdue marked); the number is the step's, for 完成 17 / 改期 17 下周五. */
export function nextStepLine(locale: Locale, item: NextStepItem): string {
  const line = t(locale, 'nextStep.list.line', { n: item.visitId, due: item.due, customer: item.customer, step: item.step });
  return item.overdue ? line + t(locale, 'nextStep.list.overdue') : line;
}

async function todoCard(ctx: CommandContext): Promise<CardModel> {
  const l = ctx.locale;
  const items = await listMyNextSteps(ctx.deps, actorOf(ctx));
  const lines = items.slice(0, LIST_MAX).map((item) => nextStepLine(l, item));
  if (items.length > LIST_MAX) lines.push(t(l, 'digest.overdue.more', { n: items.length - LIST_MAX }));
  return infoCard.build(
    { title: t(l, 'nextStep.list.title', { n: items.length }), sections: items.length === 0 ? [{ text: t(l, 'nextStep.list.empty') }] : [{ text: lines.join('\n') }, { text: t(l, 'nextStep.list.hint') }] },
    l,
  );
}

/** `17 下周五` -> step 17 and the date words; the step number alone is refused with the usage. */
function numberAnd(rest: string, needDate: boolean): { visitId: number; date: string } {
  const m = /^#?(\d{1,12})\s*(.*)$/.exec(rest.trim());
  if (!m || (needDate && !m[2])) throw invalid(needDate ? 'nextStep.usage' : 'nextStep.usageDone');
  return { visitId: Number(m[1]), date: (m[2] ?? '').trim() };
}

async function done(ctx: CommandContext, visitId: number): Promise<string> {
  const outcome = await completeNextStep(ctx.deps, actorOf(ctx), { visitId });
  return outcome.changed ? t(ctx.locale, 'nextStep.done', { customer: outcome.item.customer, step: outcome.item.step }) : t(ctx.locale, 'nextStep.alreadyDone');
}

async function moveTo(ctx: CommandContext, visitId: number, date: string): Promise<string> {
  const outcome = await rescheduleNextStep(ctx.deps, actorOf(ctx), { visitId, date });
  return t(ctx.locale, 'nextStep.rescheduled', { date: outcome.date });
}

/** 我的: the overdue next steps, when there are any (a section of the card; nothing otherwise). */
export async function overdueSection(ctx: CommandContext): Promise<{ text: string }[]> {
  const overdue = (await listMyNextSteps(ctx.deps, actorOf(ctx))).filter((item) => item.overdue);
  if (overdue.length === 0) return [];
  const lines = overdue.slice(0, 5).map((item) => nextStepLine(ctx.locale, item));
  if (overdue.length > lines.length) lines.push(t(ctx.locale, 'digest.overdue.more', { n: overdue.length - lines.length }));
  return [{ text: [t(ctx.locale, 'nextStep.me.overdue', { n: overdue.length }), ...lines].join('\n') }];
}

const resultCard = (ctx: CommandContext, text: string): CardModel => infoCard.build({ title: text, sections: [{ text: t(ctx.locale, 'nextStep.list.hint') }] }, ctx.locale);

/**
 * 待办 (/todo) lists my open next steps; 完成 <n> and 改期 <n> <日期> act on one, as the reminder card's
 * buttons do (nextstep.done, nextstep.reschedule -> the date form -> nextstep.moveTo).
 */
export function createNextStepCommands(): CommandDefinition[] {
  const todo = defineCommand({
    name: 'todo',
    words: ['待办', '/todo', 'todo'],
    summary: 'command.todo.summary',
    examples: ['待办', '完成 17', '改期 17 下周五'],
    examplesEn: ['/todo', 'done 17', 'reschedule 17 next friday'],
    onText: async (ctx) => ({ send: [cardReply(await todoCard(ctx))] }),
    actions: { '': async (ctx) => ({ card: await todoCard(ctx) }) },
  });
  const nextstep = defineCommand({
    name: 'nextstep',
    words: ['完成', '/done', 'done'],
    summary: 'command.todo.summary',
    examples: [],
    hidden: true,
    onText: async (ctx, rest) => ({ send: [textReply(await done(ctx, numberAnd(rest, false).visitId))] }),
    actions: {
      done: async (ctx, action) => {
        const text = await done(ctx, Number(action.args.id));
        return { toast: { kind: 'success', text }, card: resultCard(ctx, text) };
      },
      reschedule: async (ctx, action) => ({ card: await rescheduleForm(ctx.deps, actorOf(ctx), { visitId: Number(action.args.id) }) }),
      moveTo: async (ctx, action, form) => {
        const text = await moveTo(ctx, Number(action.args.id), form.date ?? '');
        return { toast: { kind: 'success', text }, card: resultCard(ctx, text) };
      },
    },
  });
  const reschedule = defineCommand({
    name: 'reschedule',
    words: ['改期', '/reschedule', 'reschedule'],
    summary: 'command.todo.summary',
    examples: [],
    hidden: true,
    onText: async (ctx, rest) => {
      const { visitId, date } = numberAnd(rest, true);
      return { send: [textReply(await moveTo(ctx, visitId, date))] };
    },
  });
  return [todo, nextstep, reschedule];
}
