import type { MessageTable } from './types.js';

/** Sentences the Feishu channel itself says (not a command's answer). */
export const FEISHU_MESSAGES = {
  'feishu.stillWorking': {
    zh: '正在处理，结果稍后更新到卡片上。',
    en: 'Working on it; the card will update shortly.',
  },
  'feishu.cardTruncated': {
    zh: '内容过长，已截断。',
    en: 'Content truncated.',
  },
  'feishu.viewAll': {
    zh: '查看完整内容',
    en: 'View all',
  },
} as const satisfies MessageTable;
