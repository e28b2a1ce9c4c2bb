import type { MessageTable } from './types.js';

/** Refusals of an uploaded spreadsheet before any row is checked (customer, org and KPI target imports). */
export const IMPORT_MESSAGES = {
  'import.tooManyRows': {
    zh: '文件超过 {max} 行数据，请拆分成多个文件后分批导入',
    en: 'The file has more than {max} data rows; split it into several files and import them one by one',
  },
  'import.tooLarge': {
    zh: '文件解压后超过 {maxMb} MB，请删去无关的工作表或拆分文件后再导入',
    en: 'The file is larger than {maxMb} MB once unzipped; remove unrelated sheets or split it, then import again',
  },
  'import.notXlsx': { zh: '文件不是有效的 .xlsx 工作簿（或已损坏）', en: 'The file is not a valid .xlsx workbook (or it is damaged)' },
  // The CLI's progress label: Chinese before the bar or count, English after it.
  'import.progress': { zh: '导入中', en: 'importing' },
  'import.jobProgress': { zh: '运行中 {job}', en: 'running {job}' },
} as const satisfies MessageTable;
