import { createAssessmentPeriodRepository, type ApprovedPeriod } from '../../db/repositories/assessment-periods.js';
import type { PlatformName } from '../../domain/platform-name.js';
import { filePayload } from '../../outbox/outbox.js';
import { createLiveRecipientResolver } from '../recipients.js';
import type { AssessmentDeps } from './deps.js';
import { exportAssessmentWorkbook } from './workbook.js';

export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ExportDelivery =
  | { kind: 'nothing-approved' }
  | { kind: 'unsupported' }
  /** The file is in the outbox under `key`; the caller delivers it once its own transaction commits. */
  | { kind: 'queued'; key: string; fileName: string; departments: number; people: number };

export type { ApprovedPeriod };

/** Periods with at least one approved department, newest first: what an export can offer. */
export function approvedPeriods(deps: Pick<AssessmentDeps, 'db'>): Promise<ApprovedPeriod[]> {
  return createAssessmentPeriodRepository(deps.db).approved();
}

/**
 * Builds a period's approved results workbook (the same one the admin download serves) and queues it
 * as a file to the requester on the platform they asked from. It only queues: the chat pipeline
 * delivers after the event's transaction commits, so no upload runs while the connection is held, and
 * a 429 or a crash delays the file, never loses or doubles it. Files go to the person, never a group.
 */
export async function queueAssessmentExport(
  deps: AssessmentDeps,
  request: { userId: number; platform: PlatformName; periodKey: string; idempotencyKey: string },
): Promise<ExportDelivery> {
  const repo = deps.assessments;
  const { buffer, departments } = await exportAssessmentWorkbook(deps.db, repo, request.periodKey);
  if (departments === 0) return { kind: 'nothing-approved' };
  const recipient = (await createLiveRecipientResolver(deps).all(request.userId)).find((r) => r.platform === request.platform);
  if (!deps.outbox.sendsFiles(request.platform) || !recipient) return { kind: 'unsupported' };
  let people = 0;
  for (const assessment of await repo.listByPeriod(request.periodKey)) {
    if (assessment.status === 'approved') people += (await repo.resultsOf(assessment.id)).length;
  }
  const fileName = `assessment-${request.periodKey}.xlsx`;
  await deps.outbox.enqueue([
    {
      idempotencyKey: request.idempotencyKey,
      platform: request.platform,
      target: { kind: 'user' as const, recipient },
      payload: filePayload({ name: fileName, mimeType: XLSX_MIME_TYPE, content: buffer }),
    },
  ]);
  return { kind: 'queued', key: request.idempotencyKey, fileName, departments, people };
}
