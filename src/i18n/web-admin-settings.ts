import type { MessageTable } from './types.js';

/** The H5 admin pages for channels, org import and alert rules: server-side sentences. */
export const WEB_ADMIN_SETTINGS_MESSAGES = {
  'salesChannel.problem.forbidden': { zh: '只有管理员可以管理销售渠道', en: 'Only admins may manage the sales channels' },
  'web.salesChannel.notFound': { zh: '没有这个渠道', en: 'No such channel' },
  'web.salesChannel.nameTaken': { zh: 'name：渠道名称「{name}」已被其他渠道使用', en: 'name: the channel name “{name}” is already used by another channel' },
  'web.orgImport.fileType': { zh: 'fileName：只支持 .xlsx 或 .csv 文件（收到「{name}」）', en: 'fileName: only .xlsx or .csv files (got “{name}”)' },
  'web.orgImport.notXlsx': { zh: 'content：文件不是有效的 .xlsx 工作簿', en: 'content: the file is not a valid .xlsx workbook' },
  'web.orgImport.empty': { zh: 'content：文件中没有数据行（第 1 行应为表头）', en: 'content: the file has no data rows (row 1 is the header)' },
} as const satisfies MessageTable;
