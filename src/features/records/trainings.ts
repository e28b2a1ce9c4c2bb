import type { TrainingDraft } from '../../domain/commands/parse-training.js';
import { trainingEntry } from '../../domain/records/entries/training.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { saveEntry, updateEntry, type EntryInput, type EntryStore, type EntryUpdate, type SavedEntry } from './entry-writer.js';
import type { Training } from './stores.js';

const trainingStore: EntryStore<TrainingDraft, Training> = {
  parser: trainingEntry,
  read: async (w, id) => await w.stores.records.trainings.get(id),
  ownerOf: (_w, tr) => tr.repUserId,
  valuesOf: async (_w, tr) => trainingEntry.toValues(tr),
  async insert(w, _customer, d, source) {
    const row = await w.stores.records.trainings.insert(w.audit, {
      repUserId: w.actor.user.id,
      course: d.course as string,
      minutes: d.minutes as number,
      trainedOn: d.trainedOn,
      kind: d.kind,
      source,
      createdByUserId: w.actor.user.id,
      createdAt: w.audit.now,
      updatedAt: w.audit.now,
    });
    return { entity: 'training', entityId: row.id };
  },
  async update(w, id, d) {
    await w.stores.records.trainings.update(w.audit, id, { course: d.course as string, minutes: d.minutes as number, trainedOn: d.trainedOn, kind: d.kind, updatedAt: w.audit.now });
  },
};

/** 培训: the actor's own training (no customer). */
export const saveTraining = (deps: AppDeps, actor: Actor, input: EntryInput): Promise<SavedEntry<Training>> => saveEntry(trainingStore, deps, actor, input);
export const updateTraining = (deps: AppDeps, actor: Actor, input: EntryUpdate): Promise<Training> => updateEntry(trainingStore, deps, actor, input);
