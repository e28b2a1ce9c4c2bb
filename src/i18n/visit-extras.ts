import type { MessageTable } from './types.js';

/** 协访 (joint visits) and the "met whom" contact on a visit. */
export const VISIT_EXTRA_MESSAGES = {
  'web.saved.progress': { zh: '本月{name} {actual}/{target}，进度 {percent}', en: 'This month, {name}: {actual}/{target}, {percent} of target' },
  'records.field.contact': { zh: '见了谁', en: 'Met' },
  'records.field.newContact': { zh: '新联系人（姓名）', en: 'New contact (name)' },
  'records.field.newContactTitle': { zh: '新联系人职务', en: 'New contact title' },
  'records.field.joint': { zh: '协访', en: 'Joint visit' },
  'records.field.jointWith': { zh: '协访人', en: 'Joint visit by' },
  'records.joint.no': { zh: '否，我负责的客户', en: 'No, my own customer' },
  'records.joint.yes': { zh: '是，协访同事的客户', en: "Yes, a colleague's customer" },
  'records.error.jointOwnerInactive': {
    zh: '客户「{name}」的负责人已离职，不能记为协访。请联系主管转交客户。',
    en: 'The owner of "{name}" has left; a joint visit cannot be recorded. Ask your manager to reassign the customer.',
  },
  'records.error.customerHiddenJoint': {
    zh: '客户「{name}」已由其他同事负责，你没有权限直接记录。如果是陪同事拜访，请加上「协访」：拜访 {name} 协访 …',
    en: 'The customer "{name}" belongs to a colleague: you have no permission to record on it. If you visited with them, mark it joint: visit {name} joint …',
  },
} as const satisfies MessageTable;
