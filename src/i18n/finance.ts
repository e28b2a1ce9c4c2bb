import type { MessageTable } from './types.js';

/** Finance receipts and their review (issue 17): refusals. The H5 page brings its own labels. */
export const FINANCE_MESSAGES = {
  'finance.problem.forbidden': { zh: '只有财务和管理员可以导入回款流水和核对回款', en: 'only finance and admins may import receipts and review payments' },
  'finance.problem.receiptNotOpen': { zh: '这笔流水不存在或已核对', en: 'that receipt does not exist or is already matched' },
  'finance.problem.claimNotOpen': { zh: '这笔回款不存在、已确认或已驳回', en: 'that payment does not exist, or is already confirmed or rejected' },
  'finance.problem.empty': { zh: '文件里没有数据行', en: 'the file has no data rows' },
} as const satisfies MessageTable;
