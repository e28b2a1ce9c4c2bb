import type { ComplaintDraft } from '../../domain/commands/parse-feedback.js';
import { t } from '../../i18n/index.js';
import { complaintEntry } from '../../domain/records/entries/complaint.js';
import { saveComplaint, updateComplaint } from '../../features/records/feedback.js';
import { customerName } from '../records/display.js';
import { complaintFields } from './complaint-status.js';
import type { EntryForm } from '../records/entry-form.js';

/** 投诉: a customer complaint, received now; response and closing times are set later (投诉处理). */
export const complaintForm: EntryForm<ComplaintDraft> = {
  parser: complaintEntry,
  words: ['投诉', '/complaint', 'complaint'],
  summary: 'command.complaint.summary',
  examples: ['投诉 华为 发货延迟两周'],
  examplesEn: ['complaint Huawei delivery two weeks late'],
  inputs(values, rc) {
    const l = rc.cmd.locale;
    return [
      { name: 'customer', label: t(l, 'records.field.customer'), kind: 'text', required: true, value: values.customer ?? '' },
      { name: 'content', label: t(l, 'records.field.content'), kind: 'textarea', required: true, value: values.content ?? '' },
    ];
  },
  async describe(rc, id) {
    const c = await rc.services.records.complaints.get(id);
    if (!c) return undefined;
    const customer = await customerName(rc, c.customerId);
    return {
      repUserId: c.repUserId,
      values: { customer, content: c.content },
      fields: await complaintFields(rc, c),
    };
  },
  save: saveComplaint,
  update: updateComplaint,
};
