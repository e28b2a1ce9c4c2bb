import type { VisitDraft } from '../../domain/commands/parse-visit.js';
import { t } from '../../i18n/index.js';
import { visitEntry } from '../../domain/records/entries/visit.js';
import { VISIT_KINDS } from '../../domain/records/vocabulary.js';
import { saveVisit, updateVisit } from '../../features/records/visits.js';
import { customerName, field, present } from '../records/display.js';
import type { EntryForm } from '../records/entry-form.js';

/** 拜访 in chat; stored by saveVisit / updateVisit, the features POST and PATCH /api/visits call too. */
export const visitForm: EntryForm<VisitDraft> = {
  parser: visitEntry,
  words: ['拜访', '/visit', 'visit'],
  summary: 'command.visit.summary',
  examples: ['拜访 华为 聊了采购计划', '拜访 华为 昨天 电话 确认预算 下周三报价'],
  inputs(values, rc) {
    const l = rc.cmd.locale;
    return [
      { name: 'customer', label: t(l, 'records.field.customer'), kind: 'text', required: true, value: values.customer ?? '' },
      { name: 'visitDate', label: t(l, 'records.field.date'), kind: 'date', value: values.visitDate || rc.parse.today },
      {
        name: 'kind',
        label: t(l, 'records.field.visitKind'),
        kind: 'select',
        value: values.kind || 'onsite',
        options: VISIT_KINDS.map((k) => ({ label: t(l, `records.visitKind.${k}`), value: k })),
      },
      { name: 'notes', label: t(l, 'records.field.notes'), kind: 'textarea', value: values.notes ?? '' },
      { name: 'nextStep', label: t(l, 'records.field.nextStep'), kind: 'text', value: values.nextStep ?? '' },
      { name: 'nextStepDue', label: t(l, 'records.field.nextStepDue'), kind: 'date', value: values.nextStepDue ?? '' },
    ];
  },
  async describe(rc, id) {
    const v = await rc.services.records.visits.get(id);
    if (!v) return undefined;
    const l = rc.cmd.locale;
    const customer = customerName(rc, v.customerId);
    return {
      repUserId: v.repUserId,
      values: visitEntry.toValues({ ...v, customer: await customer }),
      fields: present([
        field(l, 'records.field.customer', await customer),
        field(l, 'records.field.date', v.visitDate),
        field(l, 'records.field.visitKind', t(l, `records.visitKind.${v.kind}`)),
        v.notes !== null && field(l, 'records.field.notes', v.notes),
        v.nextStep !== null && field(l, 'records.field.nextStep', v.nextStep),
        v.nextStepDue !== null && field(l, 'records.field.nextStepDue', v.nextStepDue),
      ]),
    };
  },
  save: saveVisit,
  update: updateVisit,
};
