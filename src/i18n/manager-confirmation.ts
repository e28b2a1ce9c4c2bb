import type { MessageTable } from './types.js';

/** 确认 / 存疑 of typed visits and training on the manager's Monday digest, and what the rep is told. */
export const MANAGER_CONFIRMATION_MESSAGES = {
  'digest.unconfirmed.title': { zh: '**待确认的自报记录**（{n} 条，确认后计入考核）', en: '**Self-reported records to confirm** ({n}; they count once confirmed)' },
  'digest.unconfirmed.visit': { zh: '{name} · {date} 拜访 {subject}', en: '{name} · {date} visit to {subject}' },
  'digest.unconfirmed.training': { zh: '{name} · {date} 培训 {subject}', en: '{name} · {date} training: {subject}' },
  'digest.unconfirmed.more': { zh: '另有 {n} 条，可在网页端查看', en: '{n} more, see the web app' },
  'digest.unconfirmed.confirm': { zh: '确认', en: 'Confirm' },
  'digest.unconfirmed.doubt': { zh: '存疑', en: 'Doubt' },
  'confirm.confirmed': { zh: '已确认 {name} 的记录', en: 'Confirmed {name}’s record' },
  'confirm.doubtSent': { zh: '已标记存疑，并通知 {name} 补充', en: 'Marked as doubtful; {name} was asked to add details' },
  'confirm.already': { zh: '这条记录已处理过', en: 'This record was already handled' },
  'confirm.notFound': { zh: '找不到这条记录（可能已被撤销）', en: 'That record no longer exists (it may have been undone)' },
  'confirm.notInTeam': { zh: '只有该成员的上级经理或管理员可以确认或存疑', en: 'Only the rep’s manager or an admin can confirm or doubt this record' },
  'confirm.doubted.visit': { zh: '{manager} 对你 {date} 拜访 {subject} 的记录存疑，请补充', en: '{manager} doubts your {date} visit to {subject}; please add details' },
  'confirm.doubted.training': { zh: '{manager} 对你 {date} 培训 {subject} 的记录存疑，请补充', en: '{manager} doubts your {date} training ({subject}); please add details' },
} as const satisfies MessageTable;
