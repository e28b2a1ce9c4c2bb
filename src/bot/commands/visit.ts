import type { VisitDraft } from '../../domain/commands/parse-visit.js';
import { t } from '../../i18n/index.js';
import { visitEntry } from '../../domain/records/entries/visit.js';
import { VISIT_KINDS } from '../../domain/records/vocabulary.js';
import { saveVisit, updateVisit } from '../../features/records/visits.js';
import { customerName, field, present } from '../records/display.js';
import type { EntryForm } from '../records/entry-form.js';
import { packValues } from '../records/entry-flow.js';
import { contactInputs, visitExtraFields } from '../records/visit-extras.js';
import { customerPicks } from '../../features/records/recent-customers.js';

/** A bare 拜访 offers the customers of the rep's last visits as buttons, this many. */
const RECENT_BUTTONS = 5;

/** 拜访 in chat; stored by saveVisit / updateVisit, the features POST and PATCH /api/visits call too. */
export const visitForm: EntryForm<VisitDraft> = {
  parser: visitEntry,
  words: ['拜访', '/visit', 'visit'],
  summary: 'command.visit.summary',
  hiddenRefusal: 'records.error.customerHiddenJoint',
  examples: ['拜访 华为 聊了采购计划', '拜访 华为 昨天 电话 确认预算 下周三报价'],
  examplesEn: ['visit Huawei budget talk', 'visit Huawei phone met Li joint next: quote'],
  async quickPicks(rc, values) {
    if (values.customer) return [];
    const { recent } = await customerPicks(rc.cmd.deps, rc.actor, { recent: RECENT_BUTTONS });
    return recent.map((c) => ({ label: c.name, action: { command: 'visit.form', args: packValues({ ...values, customer: c.name }) } }));
  },
  async inputs(values, rc) {
    const l = rc.cmd.locale;
    const { all } = await customerPicks(rc.cmd.deps, rc.actor, { recent: RECENT_BUTTONS });
    const typed = values.customer ?? '';
    // A picker of the rep's recent and own customers; free text when they have none, or typed one not in it.
    const picker = all.length > 0 && (typed === '' || all.some((c) => c.name === typed));
    return [
      picker
        ? { name: 'customer', label: t(l, 'records.field.customer'), kind: 'select', required: true, value: typed, options: all.map((c) => ({ label: c.name, value: c.name })) }
        : { name: 'customer', label: t(l, 'records.field.customer'), kind: 'text', required: true, value: typed },
      { name: 'visitDate', label: t(l, 'records.field.date'), kind: 'date', value: values.visitDate || rc.parse.today },
      {
        name: 'kind',
        label: t(l, 'records.field.visitKind'),
        kind: 'select',
        value: values.kind || 'onsite',
        options: VISIT_KINDS.map((k) => ({ label: t(l, `records.visitKind.${k}`), value: k })),
      },
      ...(await contactInputs(rc, values)),
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
        ...(await visitExtraFields(rc, v)),
      ]),
    };
  },
  save: saveVisit,
  update: updateVisit,
};
