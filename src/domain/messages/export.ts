import type { MessageTable } from './types.js';

/** The assessment export sent as a file in chat (导出). */
export const EXPORT_MESSAGES = {
  'command.export.summary': { zh: '导出某期已审批的考核结果 Excel（HR/管理员）', en: 'export a period’s approved assessment results as Excel (HR/admin)' },
  'export.usage': {
    zh: '请写明期间，例如：导出 2026-11。已审批可导出的期间：{periods}',
    en: 'Name the period, e.g. /export 2026-11. Approved periods you can export: {periods}',
  },
  'export.noPeriods': { zh: '（暂无）', en: '(none yet)' },
  'export.badPeriod': { zh: '期间格式应为 YYYY-MM，例如 2026-11', en: 'the period must be a month YYYY-MM, e.g. 2026-11' },
  'export.nothingApproved': {
    zh: '{period} 没有已审批的考核结果，无法导出。已审批的期间：{periods}',
    en: 'No approved assessment results for {period}, nothing to export. Approved periods: {periods}',
  },
  'export.sent': {
    zh: '已发送 {period} 考核结果（{departments} 个部门，{people} 人）：{file}',
    en: 'Sent the {period} assessment results ({departments} departments, {people} people): {file}',
  },
  'export.queued': {
    zh: '{period} 考核结果文件已生成，平台暂时繁忙，稍后自动送达：{file}',
    en: 'The {period} results file is ready; the platform is busy, it will arrive shortly: {file}',
  },
  'export.failed': {
    zh: '{period} 考核结果文件未能通过聊天发送，请 HR 在管理后台下载（考核导出）。',
    en: 'The {period} results file could not be sent in chat; HR can download it from the admin console (assessment export).',
  },
  'export.noFileSupport': {
    zh: '当前平台不支持机器人发送文件。{period} 考核结果 Excel 可由 HR 在管理后台下载（考核导出）。',
    en: 'This platform does not let the bot send files. HR can download the {period} results workbook from the admin console (assessment export).',
  },
} as const satisfies MessageTable;
