import type { BotDeps } from '../bot/deps.js';
import { createAssessmentPeriodRepository, type ApprovedPeriod } from '../db/repositories/assessment-periods.js';
import { createAssessmentRepository } from '../db/repositories/assessment-repository.js';
import { filePayload } from '../outbox/outbox.js';
import type { PlatformName } from '../platforms/channel.js';
import { exportAssessmentWorkbook } from '../features/assessment/workbook.js';
import { createLiveRecipientResolver } from '../features/recipients.js';

export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ExportDelivery =
  | { kind: 'nothing-approved' }
  | { kind: 'unsupported' }
  | { kind: 'sent' | 'queued' | 'failed' | 'preparing'; fileName: string; departments: number; people: number };

export type { ApprovedPeriod };

/** Periods with at least one approved department, newest first: what an export can offer. */
export function approvedPeriods(deps: Pick<BotDeps, 'db'>): Promise<ApprovedPeriod[]> {
  return createAssessmentPeriodRepository(deps.db).approved();
}

/**
 * Builds a period's approved results workbook (the same one the admin download serves) and sends it
 * to the requester as a file on the platform they asked from, through the outbox: a 429 or a crash
 * delays the file, never loses or doubles it. Files go to the person, never into a group chat.
 */
export async function sendAssessmentExport(
  deps: BotDeps,
  request: {
    userId: number;
    platform: PlatformName;
    periodKey: string;
    idempotencyKey: string;
    /** false from a card click: the click is answered from local data and the outbox loop uploads. */
    deliverNow: boolean;
  },
): Promise<ExportDelivery> {
  const repo = createAssessmentRepository(deps.db, { ...deps.config.assessment, zone: deps.config.timezone });
  const { buffer, departments } = await exportAssessmentWorkbook(deps.db, repo, request.periodKey);
  if (departments === 0) return { kind: 'nothing-approved' };
  const channel = deps.channels.get(request.platform);
  const recipient = (await createLiveRecipientResolver(deps).all(request.userId)).find((r) => r.platform === request.platform);
  if (!channel?.sendFile || !recipient) return { kind: 'unsupported' };
  let people = 0;
  for (const assessment of await repo.listByPeriod(request.periodKey)) {
    if (assessment.status === 'approved') people += (await repo.resultsOf(assessment.id)).length;
  }
  const fileName = `assessment-${request.periodKey}.xlsx`;
  const message = {
    idempotencyKey: request.idempotencyKey,
    platform: request.platform,
    target: { kind: 'user' as const, recipient },
    payload: filePayload({ name: fileName, mimeType: XLSX_MIME_TYPE, content: buffer }),
  };
  if (!request.deliverNow) {
    await deps.outbox.enqueue([message]);
    return { kind: 'preparing', fileName, departments, people };
  }
  const outcome = await deps.outbox.enqueueAndDeliver(message);
  const kind = outcome === 'sent' || outcome === 'duplicate' ? 'sent' : outcome === 'retry' ? 'queued' : 'failed';
  return { kind, fileName, departments, people };
}
