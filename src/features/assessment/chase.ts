import { infoCard } from '../../../cards/info.js';
import { chaseKey, isChasable } from '../../domain/assessment/audit-line.js';
import { appLink } from '../../domain/deep-link.js';
import { problem } from '../../domain/problem.js';
import { businessDateOf } from '../../domain/records/business-date.js';
import { t } from '../../i18n/index.js';
import type { Actor } from '../actor.js';
import { authorize, fail, inTransaction } from './access.js';
import type { AssessmentDeps } from './deps.js';

export interface ChaseOutcome {
  /** False when the manager was already chased today for this period (nothing new was queued). */
  sent: boolean;
  /** False when the manager has no platform identity to send to. */
  reachable: boolean;
  manager: string;
}

/**
 * HR's 催办: a nudge card to the manager of a review not yet submitted, through the outbox. At most
 * one per manager, period and business day: the outbox key carries the day, so a second click the
 * same day queues nothing and says so.
 */
export async function chaseReview(deps: AssessmentDeps, actor: Actor, input: { assessmentId: number }): Promise<ChaseOutcome> {
  // The people who decide (HR, admins) are the ones who chase.
  authorize('decide', actor);
  const row = await deps.assessments.get(input.assessmentId);
  if (!row) fail(problem('NOT_FOUND', 'assessment.problem.noAssessment'));
  if (!isChasable(row.status)) fail(problem('INVALID_STATE', 'assessment.chase.notPending'));
  const managerUserId = row.managerUserId;
  if (managerUserId === null) fail(problem('INVALID_STATE', 'assessment.chase.noManager'));
  const manager = (await deps.org.getUser(managerUserId))?.name ?? `#${managerUserId}`;
  const department = await deps.assessments.departmentName(row.departmentId);
  const params = { hr: actor.user.name, department, period: row.periodKey };
  const url = appLink(deps.config.publicBaseUrl, { page: 'assessment', assessmentId: row.id });
  const key = chaseKey({ periodKey: row.periodKey, managerUserId, businessDate: businessDateOf(actor.now, deps.config.timezone) });
  const sent = await inTransaction(deps, () =>
    deps.notifier.sendLooseCard(
      managerUserId,
      (locale) => infoCard.build({ title: t(locale, 'assessment.chase.title', params), sections: [{ text: t(locale, 'assessment.chase.text', params) }, { fields: [{ label: t(locale, 'assessment.chase.open'), value: url }] }] }, locale),
      key,
    ),
  );
  return { sent: sent.queued > 0, reachable: sent.reachable, manager };
}
