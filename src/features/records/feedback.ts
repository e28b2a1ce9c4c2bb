import type { ComplaintDraft, SurveyDraft } from '../../domain/commands/parse-feedback.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import { complaintEntry } from '../../domain/records/entries/complaint.js';
import { surveyEntry } from '../../domain/records/entries/survey.js';
import { inTransaction } from '../../db/client.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { customerNameOf, saveEntry, updateEntry, type EntryInput, type EntryStore, type EntryUpdate, type SavedEntry } from './entry-writer.js';
import { refuse } from './refusals.js';
import type { Complaint, Survey } from './stores.js';
import { recordWrite } from './write-context.js';

const surveyStore: EntryStore<SurveyDraft, Survey> = {
  parser: surveyEntry,
  read: async (w, id) => await w.stores.records.surveys.get(id),
  ownerOf: (_w, s) => s.repUserId,
  valuesOf: async (w, s) => surveyEntry.toValues({ ...s, customer: await customerNameOf(w, s.customerId) }),
  async insert(w, customer, d, source) {
    const row = await w.stores.records.surveys.insert(w.audit, {
      customerId: (customer as NonNullable<typeof customer>).id,
      repUserId: w.actor.user.id,
      score: d.score as number,
      nps: d.nps,
      comment: d.comment,
      surveyedOn: d.surveyedOn,
      source,
      createdByUserId: w.actor.user.id,
      createdAt: w.audit.now,
      updatedAt: w.audit.now,
    });
    return { entity: 'satisfaction_survey', entityId: row.id };
  },
  async update(w, id, d) {
    await w.stores.records.surveys.update(w.audit, id, { score: d.score as number, nps: d.nps, comment: d.comment, surveyedOn: d.surveyedOn, updatedAt: w.audit.now });
  },
};

const complaintStore: EntryStore<ComplaintDraft, Complaint> = {
  parser: complaintEntry,
  read: async (w, id) => await w.stores.records.complaints.get(id),
  ownerOf: (_w, c) => c.repUserId,
  valuesOf: async (w, c) => complaintEntry.toValues({ customer: await customerNameOf(w, c.customerId), content: c.content }),
  async insert(w, customer, d, source) {
    const row = await w.stores.records.complaints.insert(w.audit, {
      customerId: (customer as NonNullable<typeof customer>).id,
      repUserId: w.actor.user.id,
      content: d.content as string,
      receivedOn: w.parse.today,
      receivedAt: w.audit.now,
      source,
      createdByUserId: w.actor.user.id,
      createdAt: w.audit.now,
      updatedAt: w.audit.now,
    });
    return { entity: 'complaint', entityId: row.id };
  },
  async update(w, id, d) {
    await w.stores.records.complaints.update(w.audit, id, { content: d.content as string, updatedAt: w.audit.now });
  },
};

/** 满意度: a customer's satisfaction score. */
export const saveSurvey = (deps: AppDeps, actor: Actor, input: EntryInput): Promise<SavedEntry<Survey>> => saveEntry(surveyStore, deps, actor, input);
export const updateSurvey = (deps: AppDeps, actor: Actor, input: EntryUpdate): Promise<Survey> => updateEntry(surveyStore, deps, actor, input);

/** 投诉: a complaint, received now; response and closing are stamped by setComplaintStatus. */
export const saveComplaint = (deps: AppDeps, actor: Actor, input: EntryInput): Promise<SavedEntry<Complaint>> => saveEntry(complaintStore, deps, actor, input);
export const updateComplaint = (deps: AppDeps, actor: Actor, input: EntryUpdate): Promise<Complaint> => updateEntry(complaintStore, deps, actor, input);

/**
 * 投诉处理: stamps the response or closing instant (closing also counts as the response when none
 * was recorded), so response and resolution times can be measured. A second stamp changes nothing.
 */
export async function setComplaintStatus(deps: AppDeps, actor: Actor, input: { complaintId: number; status: 'responded' | 'closed' }): Promise<{ complaint: Complaint; unchanged: boolean; }> {
  const w = recordWrite(deps, actor);
  const complaint = await w.stores.records.complaints.get(input.complaintId);
  // Someone else's complaint answers like a missing one.
  if (!complaint || !canSeeUser(actor.scope, complaint.repUserId)) throw refuse('NOT_FOUND', 'records.error.complaintNotFound', { id: input.complaintId });
  const unchanged = input.status === 'responded' ? complaint.respondedAt !== null : complaint.closedAt !== null;
  if (unchanged) return { complaint, unchanged };
  const updated = await inTransaction(deps.db, () =>
    w.stores.records.complaints.update(w.audit, complaint.id, {
      respondedAt: complaint.respondedAt ?? actor.now,
      ...(input.status === 'closed' ? { closedAt: actor.now } : {}),
      updatedAt: actor.now,
    }),
  );
  return { complaint: updated ?? complaint, unchanged };
}
