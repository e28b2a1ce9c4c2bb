import { nextStepRescheduleCard } from '../../../cards/next-step-reschedule.js';
import { inTransaction } from '../../db/client.js';
import { createNextStepRepository, type NextStepRow } from '../../db/repositories/next-step-repository.js';
import type { CardModel } from '../../domain/card-model.js';
import { findDate } from '../../domain/commands/date-words.js';
import { businessDateOf } from '../../domain/records/business-date.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { invalid, refuse } from '../records/refusals.js';
import { queueNextStepTaskDue } from './platform-tasks.js';

export interface NextStepItem {
  visitId: number;
  customer: string;
  step: string;
  due: string;
  overdue: boolean;
}

const itemOf = (row: NextStepRow, today: string): NextStepItem => ({ visitId: row.visitId, customer: row.customer, step: row.text, due: row.due, overdue: row.due < today });

/** The step, when it is the actor's own (a rep acts on their own next steps only). */
async function ownStep(deps: AppDeps, actor: Actor, visitId: number): Promise<NextStepRow> {
  const row = Number.isSafeInteger(visitId) ? await createNextStepRepository(deps.db).get(visitId) : undefined;
  if (!row) throw refuse('NOT_FOUND', 'nextStep.notFound', { n: String(visitId) });
  if (row.repUserId !== actor.user.id) throw refuse('FORBIDDEN', 'nextStep.notYours');
  return row;
}

/** 待办 and 我的: my open next steps, soonest first, overdue ones marked. */
export async function listMyNextSteps(deps: AppDeps, actor: Actor): Promise<NextStepItem[]> {
  const today = businessDateOf(actor.now, deps.config.timezone);
  return (await createNextStepRepository(deps.db).openOf(actor.user.id)).map((row) => itemOf(row, today));
}

/** 完成: the step is done (no more reminders, not overdue). `changed` is false when it already was. */
export function completeNextStep(deps: AppDeps, actor: Actor, input: { visitId: number }): Promise<{ changed: boolean; item: NextStepItem }> {
  return inTransaction(deps.db, async () => {
    const row = await ownStep(deps, actor, input.visitId);
    const item = itemOf(row, businessDateOf(actor.now, deps.config.timezone));
    if (row.status === 'done') return { changed: false, item };
    await createNextStepRepository(deps.db).markDone(row.visitId, actor.user.id, actor.now);
    return { changed: true, item };
  });
}

/**
 * 改期: a new due date, read as the visit form reads dates (`下周五`, `12-31`, `2027-01-05`), today or later.
 * The reminder comes again on the new date (its outbox key names the date).
 */
export function rescheduleNextStep(deps: AppDeps, actor: Actor, input: { visitId: number; date: string }): Promise<{ item: NextStepItem; date: string }> {
  return inTransaction(deps.db, async () => {
    const row = await ownStep(deps, actor, input.visitId);
    const today = businessDateOf(actor.now, deps.config.timezone);
    // A date that does not exist (2-30) is found but resolves to null.
    const date = findDate(input.date.trim(), today, 'future')?.date;
    if (!date) throw invalid('nextStep.dateInvalid', { input: input.date });
    if (date < today) throw invalid('nextStep.dateInPast', { date });
    await createNextStepRepository(deps.db).reschedule(row.visitId, date, actor.now);
    await queueNextStepTaskDue(deps, row.visitId);
    return { item: itemOf({ ...row, due: date }, today), date };
  });
}

/** 改期 clicked: the form that asks for the new date, in place of the reminder. */
export async function rescheduleForm(deps: AppDeps, actor: Actor, input: { visitId: number }): Promise<CardModel> {
  const row = await ownStep(deps, actor, input.visitId);
  return nextStepRescheduleCard.build({ visitId: row.visitId, customer: row.customer, due: row.due }, actor.locale);
}
