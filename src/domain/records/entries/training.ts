import { rejected } from '../../commands/parse-error.js';
import { parseDuration, parseTraining, type TrainingDraft } from '../../commands/parse-training.js';
import type { MessageKey } from '../../message-key.js';
import { TRAINING_KINDS } from '../vocabulary.js';
import type { EntryParser } from './entry-parser.js';
import * as form from './form-values.js';

/** 90 -> "1.5"; minutes that are not a whole tenth of an hour stay exact as "75分钟". */
export function minutesToInput(minutes: number | null): string {
  if (minutes === null) return '';
  if (minutes % 60 === 0) return String(minutes / 60);
  if ((minutes * 10) % 60 === 0) return `${Math.floor(minutes / 60)}.${(minutes % 60) / 6}`;
  return `${minutes}分钟`;
}

/** 培训: a rep's training: course, duration (stored in whole minutes), date, kind. No customer. */
export const trainingEntry: EntryParser<TrainingDraft> = {
  kind: 'training',
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
  customerOf: () => null,
  recordDate: (d) => d.trainedOn,
  missing: (d) => [...(d.course === null ? ['records.field.course' as const] : []), ...(d.minutes === null ? ['records.field.hours' as const] : [])] satisfies MessageKey[],
};
