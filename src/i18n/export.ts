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
  'export.noFileSupport': {
    zh: '当前平台不支持机器人发送文件。{period} 考核结果 Excel 可由 HR 在管理后台下载（考核导出）。',
    en: 'This platform does not let the bot send files. HR can download the {period} results workbook from the admin console (assessment export).',
  },
  'export.preparing': {
    zh: '正在发送 {period} 考核结果文件（{departments} 个部门，{people} 人），请稍候：{file}',
    en: 'Sending the {period} results file (departments: {departments}, people: {people}), one moment: {file}',
  },
  'export.card.title': { zh: '导出考核结果 Excel', en: 'Export assessment results (Excel)' },
  'export.card.intro': { zh: '以下期间的考核已审批，点按钮把 Excel 文件发给你。', en: 'These periods are approved; tap a button to get the Excel file.' },
  'export.card.period': { zh: '**{period}** · {departments} 个部门 · {people} 人', en: '**{period}** · {departments} departments · {people} people' },
  'export.card.button': { zh: '导出 Excel（{period}）', en: 'Export Excel ({period})' },
  'export.card.note': { zh: '文件只发给你本人；也可输入：导出 2026-11', en: 'The file goes to you only; you can also type: /export 2026-11' },
} as const satisfies MessageTable;
