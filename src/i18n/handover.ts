import type { MessageTable } from './types.js';

/** Customers changing hands: 转交 (handover), leavers' handover lists, the pool (公海) and 认领 (claim). */
export const HANDOVER_MESSAGES = {
  'handover.summary': { zh: '转交客户（经理/管理员）：转交 华为 给 李四', en: 'Hand a customer to another rep (managers, admins): /handover Huawei to Li Si' },
  'claim.summary': { zh: '从公海认领客户：认领 华为', en: 'Claim a customer from the pool: /claim Huawei' },
  'handover.usage': { zh: '用法：转交 客户名 给 姓名（或工号）', en: 'Usage: /handover <customer> to <name or employee no.>' },
  'claim.usage': { zh: '用法：认领 客户名', en: 'Usage: /claim <customer>' },
  'handover.error.notManager': { zh: '只有经理或管理员可以转交客户。', en: 'Only a manager or an admin can hand a customer over.' },
  'handover.error.notYourTeam': { zh: '只能在你管理的团队内转交客户：{customer} 或 {to} 不在你的团队。', en: 'You can only hand customers over within your team: {customer} or {to} is not in it.' },
  'handover.error.customerUnknown': { zh: '找不到客户「{name}」。', en: 'No customer named "{name}".' },
  'handover.error.personUnknown': { zh: '找不到在职同事「{name}」。', en: 'No active colleague named "{name}".' },
  'handover.error.personAmbiguous': { zh: '有多位同事叫「{name}」，请用工号。', en: 'More than one colleague is called "{name}": use the employee number.' },
  'handover.error.sameOwner': { zh: '「{customer}」已经归 {to} 负责。', en: '"{customer}" already belongs to {to}.' },
  'handover.error.nothingLeft': { zh: '这些客户都已分配完毕。', en: 'These customers have all been assigned.' },
  'handover.done': {
    zh: '已将「{customer}」从 {from} 转交给 {to}：{deals} 个进行中的商机和 {steps} 个未完成的下一步随之转交。已记入审计日志并通知双方。',
    en: 'Handed "{customer}" from {from} to {to}, with {deals} open deal(s) and {steps} open next step(s). Recorded in the audit log; both reps were told.',
  },
  'handover.notice.toTitle': { zh: '你接手了客户「{customer}」', en: 'You now own the customer "{customer}"' },
  'handover.notice.toText': {
    zh: '{by} 将客户「{customer}」从 {from} 转交给你，含 {deals} 个进行中的商机和 {steps} 个未完成的下一步。之前的业绩仍归原负责人。',
    en: '{by} handed the customer "{customer}" from {from} to you, with {deals} open deal(s) and {steps} open next step(s). Credit already earned stays with the previous owner.',
  },
  'handover.notice.fromTitle': { zh: '客户「{customer}」已转交', en: 'The customer "{customer}" was handed over' },
  'handover.notice.fromText': {
    zh: '{by} 将客户「{customer}」转交给 {to}。你之前的业绩不受影响。',
    en: '{by} handed the customer "{customer}" to {to}. Credit you already earned is not affected.',
  },
  'handover.leaver.title': { zh: '离职交接：{leaver} 的 {count} 个客户待分配', en: 'Leaver handover: {count} customer(s) of {leaver} to assign' },
  'handover.leaver.intro': { zh: '{leaver} 已停用。请把他/她的客户分配给团队里的同事：{customers}', en: '{leaver} was deactivated. Assign their customers to someone in your team: {customers}' },
  'handover.leaver.customer': { zh: '客户', en: 'Customer' },
  'handover.leaver.all': { zh: '全部客户', en: 'All customers' },
  'handover.leaver.rep': { zh: '分配给', en: 'Assign to' },
  'handover.leaver.submit': { zh: '分配给…', en: 'Assign to…' },
  'handover.leaver.assigned': { zh: '已分配 {count} 个客户给 {to}。', en: 'Assigned {count} customer(s) to {to}.' },
  'handover.leaver.doneTitle': { zh: '离职交接完成：{leaver}', en: 'Leaver handover done: {leaver}' },
  'handover.leaver.doneText': { zh: '{leaver} 的客户已全部分配。', en: 'All customers of {leaver} have been assigned.' },
  'pool.error.notInPool': { zh: '「{customer}」不在公海里，不能认领。', en: '"{customer}" is not in the pool, so it cannot be claimed.' },
  'pool.error.otherDepartment': { zh: '「{customer}」在其他部门的公海里，只有该部门的销售可以认领。', en: '"{customer}" is in another department\'s pool: only that department\'s reps can claim it.' },
  'pool.error.limit': { zh: '你已持有 {count} 个认领的客户，达到上限 {limit} 个，不能再认领。', en: 'You already hold {count} claimed customer(s), the limit of {limit}: you cannot claim more.' },
  'pool.error.notRep': { zh: '只有销售可以从公海认领客户。', en: 'Only reps can claim customers from the pool.' },
  'pool.claimed': { zh: '已认领「{customer}」，现在由你负责（已认领 {count}/{limit}）。', en: 'Claimed "{customer}": it is yours now ({count}/{limit} claimed).' },
} as const satisfies MessageTable;
