import type { MessageTable } from './types.js';

/** Sales records: visits, deals, payments, customers, surveys, complaints, training. */
export const RECORDS_MESSAGES = {
  'records.error.amountNegative': { zh: '金额「{input}」不能为负数', en: 'amount "{input}" cannot be negative' },
  'records.error.amountUnreadable': {
    zh: '看不懂金额「{input}」，请写成 5万、1.2万、50000 或 ¥50,000',
    en: 'cannot read the amount "{input}"; write it like 5万, 1.2万, 50000 or ¥50,000',
  },
  'records.error.amountTooPrecise': { zh: '金额「{input}」最多精确到分', en: 'amount "{input}" has more than two decimals (fen)' },
  'records.error.amountZero': { zh: '金额「{input}」必须大于 0', en: 'amount "{input}" must be more than 0' },
  'records.error.amountTooLarge': {
    zh: '金额「{input}」超过单笔上限 ¥{max}，请检查是否多打了 0',
    en: 'amount "{input}" is over the single-entry limit of ¥{max}; check for an extra zero',
  },
  'records.error.amountMissing': { zh: '请写上金额，例如 5万', en: 'please add the amount, e.g. 5万' },
  'records.error.dateInvalid': { zh: '日期「{input}」不存在，请检查月和日', en: 'the date "{input}" does not exist' },
  'records.error.dateFuture': {
    zh: '{what}日期 {date} 在今天之后，请填写已经发生的日期',
    en: 'the {what} date {date} is after today; enter a date that has passed',
  },
  'records.error.dateTooOld': { zh: '日期 {date} 太早了（最多补录 {days} 天内的记录）', en: 'the date {date} is too long ago (at most {days} days back)' },
  'records.error.dueInPast': { zh: '下一步的日期 {date} 已经过去了', en: 'the next-step date {date} has already passed' },
  'records.error.customerMissing': { zh: '请写上客户名称', en: 'please add the customer name' },
  'records.error.scoreInvalid': { zh: '满意度「{input}」请填 1–5 分', en: 'satisfaction "{input}" must be a score from 1 to 5' },
  'records.error.npsInvalid': { zh: 'NPS「{input}」请填 0–10', en: 'NPS "{input}" must be 0 to 10' },
  'records.error.hoursInvalid': {
    zh: '时长「{input}」看不懂，请写成 2小时、1.5h 或 90分钟',
    en: 'cannot read the duration "{input}"; write it like 2小时, 1.5h or 90分钟',
  },
  'records.error.hoursTooLong': { zh: '时长「{input}」超过 24 小时，请分天记录', en: 'duration "{input}" is over 24 hours; record each day separately' },
  'records.error.phoneInvalid': { zh: '电话「{input}」格式不对，请写 11 位手机号或带区号的座机', en: 'phone "{input}" is not a valid mobile or landline number' },
  'records.error.stageMissing': {
    zh: '请写上阶段：线索、需求确认、方案报价、谈判、赢单或输单',
    en: 'please add the stage: 线索, 需求确认, 方案报价, 谈判, 赢单 or 输单',
  },
  'records.error.contentMissing': { zh: '请写上投诉内容', en: 'please describe the complaint' },
  'records.error.courseMissing': { zh: '请写上课程名称', en: 'please add the course name' },
  'records.error.tooLong': { zh: '{what}太长了（最多 {max} 个字）', en: '{what} is too long (at most {max} characters)' },
} as const satisfies MessageTable;
