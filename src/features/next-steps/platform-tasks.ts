import { DateTime } from 'luxon';
import { createNextStepRepository, type NextStepRow } from '../../db/repositories/next-step-repository.js';
import { createPushIdentityRepository } from '../../db/repositories/push-identities.js';
import type { Recipient } from '../../domain/platform-name.js';
import type { OutboxMessage, OutboxPayload, OutboxPlatformTaskPayload } from '../../outbox/messages.js';
import type { AppDeps } from '../deps.js';
import { createLiveRecipientResolver } from '../recipients.js';

type PlatformTask = OutboxPlatformTaskPayload['task'];

/** One platform task per visit: a re-save, an edit or a redelivered event finds the key taken. */
export const platformTaskKey = (visitId: number): string => `next-step-task:${visitId}`;
const KEY = /^next-step-task:(\d+)$/;

/** A platform without all-day dates (DingTalk) shows the step due at the end of the working day. */
const DUE_HOUR = 18;

export type PlatformTaskOutcome = 'off' | 'queued' | 'duplicate' | 'skipped';

/** Who the task is assigned to on the rep's platform: Feishu takes the open_id, DingTalk the unionId. */
async function assigneeOf(deps: AppDeps, repUserId: number): Promise<Recipient | { skipped: string }> {
  const recipient = await createLiveRecipientResolver(deps).resolve(repUserId);
  if (!recipient) return { skipped: 'rep on no enabled platform' };
  if (recipient.platform === 'feishu') return recipient;
  if (recipient.platform !== 'dingtalk') return { skipped: `${recipient.platform} has no tasks` };
  const unionId = await createPushIdentityRepository(deps.db).identityOf(repUserId, 'dingtalk', 'unionId');
  return unionId ? { platform: 'dingtalk', userRef: unionId } : { skipped: 'rep has no DingTalk unionId' };
}

/** The visit's dated, open step and who its task goes to; null (logged when it is the rep) when there is none to make. */
async function taskFor(deps: AppDeps, visitId: number): Promise<{ step: NextStepRow; assignee: Recipient; task: PlatformTask } | null> {
  const step = await createNextStepRepository(deps.db).get(visitId);
  if (!step || step.status === 'done') return null;
  const assignee = await assigneeOf(deps, step.repUserId);
  if ('skipped' in assignee) {
    deps.logger.info({ visitId, repUserId: step.repUserId, reason: assignee.skipped }, 'next step: no platform task');
    return null;
  }
  const dueAt = DateTime.fromISO(step.due, { zone: deps.config.timezone }).set({ hour: DUE_HOUR }).toMillis();
  return { step, assignee, task: { summary: `${step.customer}：${step.text}`, dueDate: step.due, dueAt } };
}

async function enqueue(deps: AppDeps, key: string, made: { assignee: Recipient; task: PlatformTask }, taskId?: string): Promise<PlatformTaskOutcome> {
  const message: OutboxMessage = {
    idempotencyKey: key,
    platform: made.assignee.platform,
    target: { kind: 'user', recipient: made.assignee },
    payload: { type: 'platform-task', task: made.task, ...(taskId !== undefined ? { taskId } : {}) },
  };
  const { queued } = await deps.outbox.enqueue([message]);
  return queued === 1 ? 'queued' : 'duplicate';
}

/**
 * With NEXT_STEP_PLATFORM_TASKS on, queues the visit's dated 下一步 as a task on the rep's platform
 * (in the caller's transaction). A rep the platform cannot name is skipped with a logged reason and
 * nothing is queued, so no message waits in the outbox for an id that will never come.
 */
export async function queueNextStepTask(deps: AppDeps, visitId: number): Promise<PlatformTaskOutcome> {
  if (!deps.config.nextStepPlatformTasks) return 'off';
  const made = await taskFor(deps, visitId);
  return made ? enqueue(deps, platformTaskKey(visitId), made) : 'skipped';
}

/**
 * 改期: the task already made moves to the step's new date (once per date). A task not made yet (its
 * create still in the outbox) keeps the date it was queued with.
 */
export async function queueNextStepTaskDue(deps: AppDeps, visitId: number): Promise<PlatformTaskOutcome> {
  if (!deps.config.nextStepPlatformTasks) return 'off';
  const made = await taskFor(deps, visitId);
  const taskId = made?.step.platformTaskId;
  return made && taskId ? enqueue(deps, `${platformTaskKey(visitId)}:due:${made.step.due}`, made, taskId) : 'skipped';
}

/** The outbox sent a task: its id goes on the step (next_steps.platform_task_id), unless the visit is gone. */
export async function recordPlatformTask(deps: AppDeps, sent: { idempotencyKey: string; payload: OutboxPayload; messageId: string }): Promise<void> {
  const visitId = KEY.exec(sent.idempotencyKey)?.[1];
  if (sent.payload.type !== 'platform-task' || !visitId) return;
  const steps = createNextStepRepository(deps.db);
  if (await steps.get(Number(visitId))) await steps.setPlatformTask(Number(visitId), sent.messageId, deps.clock());
}
