import type { MessageTable } from './types.js';

/** The audit log's sentences (H5 audit page) and the HR landing's chase (催办). */
export const AUDIT_MESSAGES = {
  'audit.problem.forbidden': { zh: '只有 HR 和管理员可以查看审计日志', en: 'Only HR and admins may read the audit log' },
  'audit.line.system': { zh: '系统', en: 'System' },
  'audit.line.listSeparator': { zh: '、', en: ', ' },
  'audit.line.generate': { zh: '{actor} 生成了 {department} {period} 的考核', en: '{actor} generated the {department} {period} assessment' },
  'audit.line.submit': { zh: '{actor} 提交了 {department} {period} 的考核评审', en: '{actor} submitted the {department} {period} review' },
  'audit.line.approve': { zh: '{actor} 通过了 {department} {period} 的考核', en: '{actor} approved the {department} {period} assessment' },
  'audit.line.reject': { zh: '{actor} 驳回了 {department} {period} 的考核：{reason}', en: '{actor} sent back the {department} {period} assessment: {reason}' },
  'audit.line.approveOutside': { zh: '{actor} 在强制分布之外通过了 {department} {period} 的考核：{reason}', en: '{actor} approved the {department} {period} assessment outside the forced distribution: {reason}' },
  'audit.line.sendBack': { zh: '{actor} 将 {department} {period} 考核中的 {people} 退回重评：{reason}', en: '{actor} sent {people} of the {department} {period} assessment back for re-review: {reason}' },
  'audit.line.withdraw': { zh: '{actor} 撤回了 {department} {period} 的考核评审', en: '{actor} withdrew the {department} {period} review' },
  'audit.line.adjust': { zh: '{actor} 将 {person} 的总分调整 {points}：{reason}', en: '{actor} adjusted {person}’s total by {points}: {reason}' },
  'audit.line.publish': { zh: '{actor} 发布了 {person} {period} 的考核结果', en: '{actor} published {person}’s {period} result' },
  'audit.line.acknowledge': { zh: '{person} 确认了 {period} 的考核结果', en: '{person} accepted the {period} result' },
  'audit.line.appeal': { zh: '{person} 对 {period} 的考核结果提出申诉：{reason}', en: '{person} appealed the {period} result: {reason}' },
  'audit.line.finalize': { zh: '{person} {period} 的考核结果已定稿', en: '{person}’s {period} result is final' },
  'audit.line.resolve': { zh: '{actor} 处理了 {person} 的申诉（{points}）：{reason}', en: '{actor} resolved {person}’s appeal ({points}): {reason}' },
  'audit.line.postLock': { zh: '{person} {period} 锁定后的数据有更正', en: '{person}’s locked {period} result has a correction' },
  'audit.line.other': { zh: '{actor}：{action}（{entity}）', en: '{actor}: {action} ({entity})' },

  'assessment.chase.title': { zh: '催办：{department} {period} 考核评审', en: 'Reminder: {department} {period} review' },
  'assessment.chase.text': { zh: '{hr} 提醒你尽快提交 {department} {period} 的考核评审。', en: '{hr} asks you to submit the {department} {period} review soon.' },
  'assessment.chase.open': { zh: '去评审', en: 'Open the review' },
  'assessment.chase.sent': { zh: '已催办 {manager}', en: 'Reminder sent to {manager}' },
  'assessment.chase.alreadyToday': { zh: '今天已催办过 {manager}，明天可再次催办', en: '{manager} was already reminded today; try again tomorrow' },
  'assessment.chase.unreachable': { zh: '{manager} 还没有绑定飞书或钉钉，无法发送催办', en: '{manager} has no Feishu or DingTalk account to send the reminder to' },
  'assessment.chase.notPending': { zh: '这份考核已提交，无需催办', en: 'This review is already submitted; nothing to chase' },
  'assessment.chase.noManager': { zh: '该部门没有负责人，无法催办', en: 'This department has no manager to remind' },
} as const satisfies MessageTable;
