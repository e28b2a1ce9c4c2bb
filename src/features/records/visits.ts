import type { VisitDraft } from '../../domain/commands/parse-visit.js';
import { visitEntry } from '../../domain/records/entries/visit.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { queueNextStepTask } from '../next-steps/platform-tasks.js';
import { customerNameOf, saveEntry, updateEntry, type EntryInput, type EntryStore, type EntryUpdate, type SavedEntry } from './entry-writer.js';
import type { Visit } from './stores.js';
import { visibleCustomer } from './customers.js';
import { jointVisitCustomer, visitPeople } from './joint-visits.js';
import { visitContactId } from './visit-contact.js';

const visitStore: EntryStore<VisitDraft, Visit> = {
  parser: visitEntry,
  read: async (w, id) => await w.stores.records.visits.get(id),
  ownerOf: (_w, v) => v.repUserId,
  valuesOf: async (w, v) => visitEntry.toValues({ ...v, customer: await customerNameOf(w, v.customerId) }),
  customerFor: (w, id, d) => (d.joint ? jointVisitCustomer(w, id) : visibleCustomer(w, id)),
  async insert(w, customer, d, source) {
    const target = customer as NonNullable<typeof customer>;
    const contactId = await visitContactId(w, target.id, d);
    const { repUserId, participantId } = visitPeople(w, target, d.joint === true);
    const row = await w.stores.records.visits.insert(w.audit, {
      repUserId,
      customerId: target.id,
      contactId,
      visitDate: d.visitDate,
      kind: d.kind,
      notes: d.notes,
      nextStep: d.nextStep,
      nextStepDue: d.nextStepDue,
      source,
      createdByUserId: w.actor.user.id,
      createdAt: w.audit.now,
      updatedAt: w.audit.now,
    });
    if (participantId !== null) await w.stores.participants.add(row.id, participantId, w.audit.now);
    // In the entry's transaction: the task is queued with the visit or not at all.
    await queueNextStepTask(w.deps, row.id);
    return { entity: 'visit', entityId: row.id };
  },
  async update(w, id, d) {
    await w.stores.records.visits.update(w.audit, id, { visitDate: d.visitDate, kind: d.kind, notes: d.notes, nextStep: d.nextStep, nextStepDue: d.nextStepDue, updatedAt: w.audit.now });
    // A step that gets its date in an edit gets its task then (the key keeps it to one per visit).
    await queueNextStepTask(w.deps, id);
  },
};

/** 拜访 / POST /api/visits: a visit to a customer the actor may see (or creates with it). */
export const saveVisit = (deps: AppDeps, actor: Actor, input: EntryInput): Promise<SavedEntry<Visit>> => saveEntry(visitStore, deps, actor, input);

/** The visit's edit form / PATCH /api/visits/:id. */
export const updateVisit = (deps: AppDeps, actor: Actor, input: EntryUpdate): Promise<Visit> => updateEntry(visitStore, deps, actor, input);
