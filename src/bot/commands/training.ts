import { parseDuration, parseTraining, type TrainingDraft } from '../../domain/commands/parse-training.js';
import { rejected } from '../../domain/commands/parse-error.js';
import { t } from '../../domain/messages/index.js';
import { TRAINING_KINDS } from '../../domain/records/vocabulary.js';
import { field, present } from '../records/display.js';
import type { EntrySpec } from '../records/entry-spec.js';
import * as form from '../records/form-fields.js';

/** 90 -> "1.5"; minutes that are not a whole tenth of an hour stay exact as "75分钟". */
export function minutesToInput(minutes: number | null): string {
  if (minutes === null) return '';
  if (minutes % 60 === 0) return String(minutes / 60);
  if ((minutes * 10) % 60 === 0) return `${Math.floor(minutes / 60)}.${(minutes % 60) / 6}`;
  return `${minutes}分钟`;
}

/** 培训: a rep's training: course, duration (stored in whole minutes), date, kind. */
export const trainingSpec: EntrySpec<TrainingDraft> = {
  name: 'training',
  words: ['培训', '/training', 'training'],
  summary: 'command.training.summary',
  examples: ['培训 产品知识 2小时', '培训 大客户销售 1.5h 外训 昨天'],
  needsCustomer: false,
  parseText: parseTraining,
  toValues: (d) => ({ course: d.course ?? '', hours: minutesToInput(d.minutes), trainedOn: d.trainedOn, kind: d.kind }),
  fromValues(values, ctx) {
    const hoursText = form.text(values, 'hours');
    const duration = hoursText === null ? undefined : parseDuration(hoursText);
    if (hoursText !== null && duration === undefined) return rejected('records.error.hoursInvalid', { input: hoursText });
    if (duration && !duration.ok) return duration;
    const on = form.date(values, 'trainedOn', ctx, 'past', 'records.kind.training');
    if (!on.ok) return on;
    const kind = form.choice(values, 'kind', TRAINING_KINDS, 'internal');
    if (!kind.ok) return kind;
    const course = form.note(values, 'course', 'records.field.course');
    if (!course.ok) return course;
    return { ok: true, value: { course: course.value, minutes: duration ? duration.value : null, trainedOn: on.value ?? ctx.today, kind: kind.value } };
  },
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
  customerOf: () => null,
  isComplete: (d) => d.course !== null && d.minutes !== null,
  save(rc, _customer, d, source) {
    const row = rc.services.records.trainings.insert(rc.actor, {
      repUserId: rc.cmd.user.id,
      course: d.course as string,
      minutes: d.minutes as number,
      trainedOn: d.trainedOn,
      kind: d.kind,
      source,
      createdByUserId: rc.cmd.user.id,
      createdAt: rc.actor.now,
      updatedAt: rc.actor.now,
    });
    return { entity: 'training', entityId: row.id };
  },
  describe(rc, id) {
    const tr = rc.services.records.trainings.get(id);
    if (!tr) return undefined;
    const l = rc.cmd.locale;
    return {
      repUserId: tr.repUserId,
      values: trainingSpec.toValues(tr),
      fields: present([
        field(l, 'records.field.course', tr.course),
        field(l, 'records.field.hours', `${minutesToInput(tr.minutes).replace('分钟', '')}${tr.minutes % 6 === 0 ? ' h' : ' min'}`),
        field(l, 'records.field.trainingKind', t(l, `records.trainingKind.${tr.kind}`)),
        field(l, 'records.field.date', tr.trainedOn),
      ]),
    };
  },
  update(rc, id, d) {
    rc.services.records.trainings.update(rc.actor, id, { course: d.course as string, minutes: d.minutes as number, trainedOn: d.trainedOn, kind: d.kind, updatedAt: rc.actor.now });
  },
};

