import type { TrainingDraft } from '../../domain/commands/parse-training.js';
import { t } from '../../i18n/index.js';
import { minutesToInput, trainingEntry } from '../../domain/records/entries/training.js';
import { TRAINING_KINDS } from '../../domain/records/vocabulary.js';
import { saveTraining, updateTraining } from '../../features/records/trainings.js';
import { field, present } from '../records/display.js';
import type { EntryForm } from '../records/entry-form.js';

/** 培训: a rep's training: course, duration (stored in whole minutes), date, kind. */
export const trainingForm: EntryForm<TrainingDraft> = {
  parser: trainingEntry,
  words: ['培训', '/training', 'training'],
  summary: 'command.training.summary',
  examples: ['培训 产品知识 2小时', '培训 大客户销售 1.5h 外训 昨天'],
  examplesEn: ['training product-knowledge 2h', 'training key-accounts 1.5h yesterday'],
  inputs(values, rc) {
    const l = rc.cmd.locale;
    return [
      { name: 'course', label: t(l, 'records.field.course'), kind: 'text', required: true, value: values.course ?? '' },
      { name: 'hours', label: t(l, 'records.field.hours'), kind: 'text', required: true, value: values.hours ?? '', placeholder: '2小时 / 1.5h / 90分钟' },
      { name: 'trainedOn', label: t(l, 'records.field.date'), kind: 'date', value: values.trainedOn || rc.parse.today },
      {
        name: 'kind',
        label: t(l, 'records.field.trainingKind'),
        kind: 'select',
        value: values.kind || 'internal',
        options: TRAINING_KINDS.map((k) => ({ label: t(l, `records.trainingKind.${k}`), value: k })),
      },
    ];
  },
  async describe(rc, id) {
    const tr = await rc.services.records.trainings.get(id);
    if (!tr) return undefined;
    const l = rc.cmd.locale;
    return {
      repUserId: tr.repUserId,
      values: trainingEntry.toValues(tr),
      fields: present([
        field(l, 'records.field.course', tr.course),
        field(l, 'records.field.hours', `${minutesToInput(tr.minutes).replace('分钟', '')}${tr.minutes % 6 === 0 ? ' h' : ' min'}`),
        field(l, 'records.field.trainingKind', t(l, `records.trainingKind.${tr.kind}`)),
        field(l, 'records.field.date', tr.trainedOn),
      ]),
    };
  },
  save: saveTraining,
  update: updateTraining,
};
