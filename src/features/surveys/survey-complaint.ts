import { inTransaction } from '../../db/client.js';
import { createSurveyLinkRepository } from '../../db/repositories/survey-link-repository.js';
import { businessDateOf } from '../../domain/records/business-date.js';
import { t } from '../../i18n/index.js';
import { auditOf, type Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { refuse } from '../records/refusals.js';
import { recordStores, type Complaint } from '../records/stores.js';

/**
 * Whose answers the actor may turn into complaints, by the customer's owner: an admin any, a manager
 * those whose owner is in their team (not the owner themself). One team look-up for a whole list.
 */
export async function convertChecker(deps: AppDeps, actor: Actor): Promise<(ownerUserId: number) => boolean> {
  if (actor.user.roles.includes('admin')) return () => true;
  if (!actor.user.roles.includes('manager')) return () => false;
  const team = await deps.org.teamOf(actor.user.id);
  return (ownerUserId) => ownerUserId !== actor.user.id && team.has(ownerUserId);
}

/**
 * 转为投诉 on a customer's survey answer: a complaint (verification `customer`, received when the
 * customer answered) in the owner's name, audited, at most one per answer; a second click returns it.
 */
export async function convertSurveyToComplaint(deps: AppDeps, actor: Actor, input: { surveyId: number }): Promise<{ complaint: Complaint; already: boolean }> {
  const stores = recordStores(deps);
  const links = createSurveyLinkRepository(deps.db);
  return await inTransaction(deps.db, async () => {
    const link = await links.bySurvey(input.surveyId);
    const survey = link ? await stores.records.surveys.get(input.surveyId) : undefined;
    const customer = survey ? await stores.customers.get(survey.customerId) : undefined;
    if (!link || !survey || !customer) throw refuse('NOT_FOUND', 'survey.error.notFound');
    if (!(await convertChecker(deps, actor))(customer.ownerUserId)) throw refuse('FORBIDDEN', 'survey.error.notManager');
    const existing = link.complaintId === null ? undefined : await stores.records.complaints.get(link.complaintId);
    if (existing) return { complaint: existing, already: true };
    const receivedAt = link.answeredAt ?? actor.now;
    // Stored text, in the customer's words; the frame is in the converting manager's language.
    const content = t(actor.locale, 'survey.complaint.content', { score: survey.score, comment: survey.comment ?? t(actor.locale, 'survey.complaint.noComment') });
    const complaint = await stores.records.complaints.insert(auditOf(actor), {
      customerId: customer.id,
      repUserId: survey.repUserId,
      content,
      receivedOn: businessDateOf(receivedAt, deps.config.timezone),
      receivedAt,
      source: actor.source === 'h5' ? 'h5' : 'card',
      verification: 'customer',
      createdByUserId: actor.user.id,
      createdAt: actor.now,
      updatedAt: actor.now,
    });
    await links.markConverted(link.id, complaint.id);
    return { complaint, already: false };
  });
}
